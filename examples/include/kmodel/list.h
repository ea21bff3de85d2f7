/*
 * kmodel/list.h - doubly linked lists and hash lists, declarations only.
 *
 * The _rcu variants publish or unpublish an entry for lockless readers; the
 * caller still needs a lock against other writers, and must wait for a grace
 * period before freeing what it removed.  holdwait cares about the lock and
 * the wait, not about the list operations themselves.
 */
#ifndef KMODEL_LIST_H
#define KMODEL_LIST_H

#include <kmodel/types.h>

struct list_head {
	struct list_head *next, *prev;
};

struct hlist_node {
	struct hlist_node *next, **pprev;
};

struct hlist_head {
	struct hlist_node *first;
};

void INIT_LIST_HEAD(struct list_head *list);
bool list_empty(const struct list_head *head);
void list_add_tail(struct list_head *entry, struct list_head *head);
void list_del_init(struct list_head *entry);
void list_add_rcu(struct list_head *entry, struct list_head *head);
void list_del_rcu(struct list_head *entry);
void list_add(struct list_head *entry, struct list_head *head);
void list_del(struct list_head *entry);

void hlist_add_head_rcu(struct hlist_node *node, struct hlist_head *head);
void hlist_del_init_rcu(struct hlist_node *node);
void INIT_HLIST_NODE(struct hlist_node *node);
void hlist_add_head(struct hlist_node *node, struct hlist_head *head);
void hlist_del(struct hlist_node *node);

#define list_entry(ptr, type, member) container_of(ptr, type, member)

/* Walk the entries of type typeof(*pos) linked through their member `m`. */
#define list_for_each_entry(pos, head, m)                                      \
	for (pos = list_entry((head)->next, __typeof__(*(pos)), m);            \
	     &(pos)->m != (head);                                              \
	     pos = list_entry((pos)->m.next, __typeof__(*(pos)), m))

/* Same, but `pos` may be unlinked by the loop body: `n` holds the next one. */
#define list_for_each_entry_safe(pos, n, head, m)                              \
	for (pos = list_entry((head)->next, __typeof__(*(pos)), m),            \
	    n = list_entry((pos)->m.next, __typeof__(*(pos)), m);              \
	     &(pos)->m != (head);                                              \
	     pos = n, n = list_entry((n)->m.next, __typeof__(*(n)), m))

/* The entry of type `type` holding hlist node `ptr`, or NULL for NULL. */
#define hlist_entry_safe(ptr, type, member)                                    \
	({                                                                     \
		struct hlist_node *__n = (ptr);                                \
		__n ? container_of(__n, type, member) : NULL;                  \
	})

/* Walk the entries of type typeof(*pos) on an hlist, linked through `m`. */
#define hlist_for_each_entry(pos, head, m)                                     \
	for (pos = hlist_entry_safe((head)->first, __typeof__(*(pos)), m);     \
	     pos;                                                              \
	     pos = hlist_entry_safe((pos)->m.next, __typeof__(*(pos)), m))

#endif /* KMODEL_LIST_H */
