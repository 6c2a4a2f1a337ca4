"""Peak memory of a child process, measured inside it (Linux)."""

#: Python source of an expression: the peak resident memory of the process that evaluates it, in
#: MB. ``VmHWM`` belongs to the process's own address space; ``ru_maxrss`` survives ``exec`` and
#: so reports the (large) pytest process the child was started from.
PEAK_MB = ("int(next(line for line in open('/proc/self/status') if line.startswith('VmHWM'))"
           ".split()[1]) / 1024")
