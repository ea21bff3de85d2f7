/*
 * avic-irte/include/irq_remapping.h - what KVM and the AMD IOMMU driver
 * exchange about a posted interrupt.
 *
 * Written for holdwait; names follow arch/x86/include/asm/irq_remapping.h
 * and include/linux/amd-iommu.h.  Both variants share this header: the
 * fixed one no longer fills cpu, ga_log_intr and is_guest_mode (the seed's
 * patch removes them).
 */
#ifndef AVIC_IRTE_IRQ_REMAPPING_H
#define AVIC_IRTE_IRQ_REMAPPING_H

#include <kmodel/types.h>

struct amd_iommu_pi_data {
	u64 vapic_addr; /* the vCPU's vAPIC backing page */
	u32 ga_tag;
	u32 vector;     /* guest vector */
	int cpu;        /* buggy variant only: target pCPU, -1 if not running */
	bool ga_log_intr;   /* buggy variant only */
	bool is_guest_mode; /* buggy variant only */
	void *ir_data;  /* out: the IOMMU's per-IRTE data */
};

/* drivers/iommu/amd/iommu.c: rewrite an IRTE (under its table's lock). */
int amd_iommu_activate_guest_mode(void *data, int cpu, bool ga_log_intr);
int amd_iommu_deactivate_guest_mode(void *data);
int amd_iommu_update_ga(void *data, int cpu, bool ga_log_intr);

#endif /* AVIC_IRTE_IRQ_REMAPPING_H */
