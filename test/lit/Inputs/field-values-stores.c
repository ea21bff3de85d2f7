// The other unit of kernel/guards-field-values.c: the stores that decide
// what its caches' fields may hold.
#include "field-values.h"

static struct obj_cache boot_cache = {.nobjs = 4, .gfp_zero = GFP_ZERO};

void vcpu_create(struct vcpu *v, gfp_t gfp) {
  v->cache.gfp_zero = GFP_ZERO;
  v->cache.gfp_any = gfp; // not a constant: any bit
  v->cache.gfp_set = GFP_ZERO;
  v->cache.gfp_addr = 0;
  v->raw.gfp_zero = 0;
  WRITE_ONCE(v->cache.gfp_zero, 0);
}

void vcpu_blocking(struct vcpu *v) {
  // A constant with the blocking bit: the OR may add it.
  v->cache.gfp_set |= GFP_BLOCK;
}

extern void set_flags(gfp_t *where);
void vcpu_addr(struct vcpu *v) { set_flags(&v->cache.gfp_addr); }

void vcpu_load(struct vcpu *v, const void *user) {
  // Bytes from elsewhere: every field of the copied structure.
  memcpy(&v->raw, user, sizeof(v->raw));
}

void vcpu_copy(struct vcpu *v, struct vcpu *from) {
  // From another object of the type: the values it holds already.
  memcpy(&v->cache, &from->cache, sizeof(v->cache));
  v->cache.gfp_zero = from->cache.gfp_zero;
}

void vcpu_once(struct vcpu *v) { WRITE_ONCE(v->cache.gfp_once, GFP_BLOCK); }
