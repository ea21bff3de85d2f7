/*
 * avic-irte, FIXED variant - the AMD IOMMU's interrupt remapping chip
 * (drivers/iommu/amd/iommu.c), after the seed's fix.
 *
 * Written for holdwait; names follow drivers/iommu/amd/iommu.c.  Every IRTE
 * write takes its remapping table's lock (class irq_remap_table.lock), a
 * leaf: it is reached under irq_desc.lock (the chip callbacks), under
 * vcpu_svm.ir_list_lock (AVIC load/put and IRTE updates) and so under the
 * runqueue lock, but nothing is taken under it.
 *
 * As in the seed's patch, amd_ir_set_vcpu_affinity() only binds the IRTE
 * to the vCPU (records the vAPIC page, vector and tag, and returns its
 * ir_data); KVM then activates guest mode itself, out of band, under
 * ir_list_lock but without desc->lock (fixed/avic.c).  Everything else is
 * as in buggy/iommu.c.
 */
#include <kmodel/spinlock.h>
#include <kmodel/types.h>
#include "irq.h"
#include "irq_remapping.h"

struct irq_remap_table {
	raw_spinlock_t lock;
	u64 table[32];
};

/* Per-IRTE data (struct amd_ir_data), the chip_data of an IOMMU irq_data. */
struct amd_ir_data {
	struct irq_remap_table *table;
	int index;
	u64 irte;
	u64 ga_root_ptr;
	u32 ga_vector;
	u32 ga_tag;
	bool guest_mode;
};

#define IRTE_GUEST_MODE (1ULL << 55)
#define IRTE_IS_RUN (1ULL << 54)
#define IRTE_GA_LOG_INTR (1ULL << 53)

static int modify_irte_ga(struct amd_ir_data *ir_data)
{
	struct irq_remap_table *table = ir_data->table;
	unsigned long flags;

	raw_spin_lock_irqsave(&table->lock, flags);
	table->table[ir_data->index] = ir_data->irte;
	raw_spin_unlock_irqrestore(&table->lock, flags);
	return 0;
}

static void irte_set_target(struct amd_ir_data *ir_data, int cpu,
			    bool ga_log_intr)
{
	ir_data->irte &= ~(IRTE_IS_RUN | IRTE_GA_LOG_INTR | 0xfffULL);
	if (cpu >= 0)
		ir_data->irte |= IRTE_IS_RUN | (u64)cpu;
	else if (ga_log_intr)
		ir_data->irte |= IRTE_GA_LOG_INTR;
}

/* Follow the vCPU: called by AVIC on load/put, under ir_list_lock. */
int amd_iommu_update_ga(void *data, int cpu, bool ga_log_intr)
{
	struct amd_ir_data *ir_data = data;

	if (!ir_data->guest_mode)
		return 0;
	irte_set_target(ir_data, cpu, ga_log_intr);
	return modify_irte_ga(ir_data);
}

int amd_iommu_activate_guest_mode(void *data, int cpu, bool ga_log_intr)
{
	struct amd_ir_data *ir_data = data;

	ir_data->guest_mode = true;
	ir_data->irte = IRTE_GUEST_MODE | (ir_data->ga_root_ptr << 12) |
			ir_data->ga_vector;
	irte_set_target(ir_data, cpu, ga_log_intr);
	return modify_irte_ga(ir_data);
}

int amd_iommu_deactivate_guest_mode(void *data)
{
	struct amd_ir_data *ir_data = data;

	ir_data->guest_mode = false;
	ir_data->irte = 0;
	return modify_irte_ga(ir_data);
}

/* irq_chip.irq_set_vcpu_affinity: called by the IRQ core under desc->lock. */
static int amd_ir_set_vcpu_affinity(struct irq_data *data, void *info)
{
	struct amd_iommu_pi_data *pi_data = info;
	struct amd_ir_data *ir_data = data->chip_data;

	if (!pi_data)
		return amd_iommu_deactivate_guest_mode(ir_data);

	pi_data->ir_data = ir_data;
	ir_data->ga_root_ptr = pi_data->vapic_addr >> 12;
	ir_data->ga_vector = pi_data->vector;
	ir_data->ga_tag = pi_data->ga_tag;
	return 0;
}

/* irq_chip.irq_set_affinity: called by the IRQ core under desc->lock. */
static int amd_ir_set_affinity(struct irq_data *data,
			       const struct cpumask *mask, bool force)
{
	struct amd_ir_data *ir_data = data->chip_data;

	if (ir_data->guest_mode)
		return IRQ_SET_MASK_OK_DONE; /* posted: the vCPU decides */
	ir_data->irte = (ir_data->irte & ~0xfffULL) | (mask->bits[0] & 0xfff);
	modify_irte_ga(ir_data);
	return IRQ_SET_MASK_OK_DONE;
}

static struct irq_chip amd_ir_chip = {
	.name = "AMD-IR",
	.irq_set_affinity = amd_ir_set_affinity,
	.irq_set_vcpu_affinity = amd_ir_set_vcpu_affinity,
};

/* Wire an interrupt's IOMMU level to this chip (irq domain allocation). */
void amd_ir_init_irq_data(struct irq_data *data, struct amd_ir_data *ir_data)
{
	data->chip = &amd_ir_chip;
	data->chip_data = ir_data;
}
