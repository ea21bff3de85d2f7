/* kmodel/err.h - error-pointer helpers, declarations only. */
#ifndef KMODEL_ERR_H
#define KMODEL_ERR_H

#include <kmodel/types.h>

bool IS_ERR(const void *ptr);
long PTR_ERR(const void *ptr);

#endif /* KMODEL_ERR_H */
