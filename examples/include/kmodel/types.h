/*
 * kmodel/types.h - basic kernel-style types for the holdwait examples.
 *
 * Written for holdwait; not taken from Linux.  The examples are compiled
 * with -nostdinc like the kernel, so nothing here comes from a C library.
 */
#ifndef KMODEL_TYPES_H
#define KMODEL_TYPES_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef __SIZE_TYPE__ size_t;
typedef _Bool bool;

#define true 1
#define false 0
#define NULL ((void *)0)

#define offsetof(type, member) __builtin_offsetof(type, member)

/* Recover the enclosing object from a pointer to one of its members. */
#define container_of(ptr, type, member)                                        \
	({                                                                     \
		void *__mptr = (void *)(ptr);                                  \
		((type *)((char *)__mptr - offsetof(type, member)));           \
	})

#endif /* KMODEL_TYPES_H */
