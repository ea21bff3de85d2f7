// Input for cli/missing-header.test: includes a header that is nowhere on
// the include path (line 3); nothing else.
#include "not-on-the-include-path.h"

void uses_it(void) { not_declared_anywhere(); }
