# SPDX-License-Identifier: MIT
# help2man quotes a subsection title ("Fault specs (... {"spec":SPEC}):") without escaping
# the quotes inside it; troff would end the argument at the first one. Escape them.
/^\.SS "/{
s/"/\\(dq/g
s/^\.SS \\(dq/.SS "/
s/\\(dq$/"/
}
# The help texts hold UTF-8 (§, …): say so, for preconv and man-db.
1i\
'\\" -*- coding: UTF-8 -*-
