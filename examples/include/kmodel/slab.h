/* kmodel/slab.h - allocation.  GFP_KERNEL allocations may sleep. */
#ifndef KMODEL_SLAB_H
#define KMODEL_SLAB_H

#include <kmodel/types.h>

typedef unsigned int gfp_t;
#define GFP_KERNEL ((gfp_t)0xcc0u)
#define GFP_KERNEL_ACCOUNT ((gfp_t)0x400cc0u)

void *kzalloc(size_t size, gfp_t flags);
void kfree(const void *ptr);

#endif /* KMODEL_SLAB_H */
