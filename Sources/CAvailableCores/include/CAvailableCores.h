#ifndef CAVAILABLECORES_H
#define CAVAILABLECORES_H

/* The cores this process may use. Swift's Foundation counts every online core, and Glibc as Swift
   imports it lacks sched_getaffinity; under Slurm or taskset the process is allowed fewer cores,
   and in a Kubernetes pod or a container with --cpus its cgroup caps the CPU time it gets. A
   thread for every online core would crowd either. */

/** The cores in this process's CPU affinity mask, fewer where its cgroup's CPU limit allows fewer;
    every online core where neither says. At least 1. */
int available_cores(void);

/** The cores a cgroup v2 CPU limit (`cpu.max`, quota over period, rounded up) allows: the least
    along the path from this process's cgroup up to the root, read from `cgroup_list` (a file in
    the format of /proc/self/cgroup) and the hierarchy mounted at `root` (/sys/fs/cgroup). 0 when
    nothing limits it or the files are not there. */
int cgroup_cpu_limit(const char *cgroup_list, const char *root);

#endif
