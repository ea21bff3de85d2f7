/*
 * kmodel/fs.h - how userspace reaches an ioctl handler: a file whose
 * file_operations point at it.  Handlers are static and reached only
 * through such a table, as in the kernel.
 */
#ifndef KMODEL_FS_H
#define KMODEL_FS_H

struct file {
	void *private_data;
};

struct file_operations {
	long (*unlocked_ioctl)(struct file *filp, unsigned int ioctl,
			       unsigned long arg);
};

int anon_inode_getfd(const char *name, const struct file_operations *fops,
		     void *priv, int flags);

#endif /* KMODEL_FS_H */
