// Shared by kernel/guards-field-values.c and Inputs/field-values-stores.c.
#include "kernel.h"

typedef unsigned int gfp_t;
#define GFP_BLOCK 0x400u
#define GFP_ZERO 0x100u
#define GFP_ATOMIC 0x20u

#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val) (*(volatile __typeof__(x) *)&(x) = (val))
void *memcpy(void *dst, const void *src, unsigned long n);

struct obj_cache {
  int nobjs;
  gfp_t gfp_zero; // 0 or GFP_ZERO, in plain and READ/WRITE_ONCE() stores
  gfp_t gfp_any;  // a parameter stored
  gfp_t gfp_set;  // GFP_ZERO, and |= GFP_BLOCK
  gfp_t gfp_addr; // its address passed on
  gfp_t gfp_once; // WRITE_ONCE(.., GFP_BLOCK)
};

// Every field of a structure overwritten as bytes, or living in a union.
struct raw_cache {
  gfp_t gfp_zero;
};
struct union_cache {
  gfp_t gfp_zero;
};
union cache_or_word {
  struct union_cache in_union;
  unsigned long word;
};

struct vcpu {
  struct obj_cache cache;
  struct raw_cache raw;
};

// Filled in by code the program does not hold (assembly, the hypervisor
// behind an ioctl): its fields, and those of structures it holds, may hold
// anything.
struct exit_info {
  gfp_t gfp_extra;
};
struct entry_info {
  gfp_t gfp_extra;
  int code;
};
struct run_state {
  struct entry_info entry;
};
struct exit_info fetch_exit(int fd);   // no body anywhere
void enter_guest(struct run_state *s); // no body anywhere
