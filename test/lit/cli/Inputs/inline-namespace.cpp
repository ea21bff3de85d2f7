// Input for cli/annotations-unknown-function.test: a member function in an
// inline namespace of the project's own, whose model name keeps it
// (vmm::v1::Gate::wait_ack), unlike the standard library's.
namespace vmm {
inline namespace v1 {
struct Gate {
  void wait_ack();
};
} // namespace v1
} // namespace vmm
