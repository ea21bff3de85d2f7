/*
 * kvmmodel/xen.h - the Xen ABI bits and KVM Xen types seed 003 needs.
 *
 * Hypercall and event-channel numbers are the Xen ABI's; the structures are
 * cut down to what the example uses.
 */
#ifndef KVMMODEL_XEN_H
#define KVMMODEL_XEN_H

#include <kmodel/types.h>
#include <kvmmodel/kvm.h>

#define __HYPERVISOR_event_channel_op 32
#define EVTCHNOP_send 4

#define KVM_XEN_HVM_CONFIG_INTERCEPT_HCALL (1 << 1)

/* Guest argument of EVTCHNOP_send. */
struct evtchn_send {
	u32 port;
};

/* A port to raise: which guest port and which vCPU it targets. */
struct kvm_xen_evtchn {
	u32 port;
	u32 vcpu_id;
	u32 priority;
};

/* An event channel the VMM bound with KVM_XEN_HVM_SET_ATTR. */
struct evtchnfd {
	u32 send_port;
	struct kvm_xen_evtchn deliver;
};

#endif /* KVMMODEL_XEN_H */
