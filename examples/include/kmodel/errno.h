/* kmodel/errno.h - the few error codes the examples return (Linux values). */
#ifndef KMODEL_ERRNO_H
#define KMODEL_ERRNO_H

#define EFAULT 14
#define EBUSY 16
#define EINVAL 22
#define ENOMEM 12
#define EAGAIN 11
#define EWOULDBLOCK EAGAIN

#endif /* KMODEL_ERRNO_H */
