# SPDX-License-Identifier: MIT
# help2man reads only the first line of a "Usage:" block as the synopsis; a usage wrapped
# over several indented lines would land in DESCRIPTION. Join those lines into one.
/^Usage:/ { usage = $0; in_usage = 1; next }
in_usage && /^[ \t]+[^ \t]/ { sub(/^[ \t]+/, " "); usage = usage $0; next }
in_usage { print usage; in_usage = 0 }
{ print }
END { if (in_usage) print usage }
