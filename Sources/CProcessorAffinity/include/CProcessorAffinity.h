#ifndef CPROCESSORAFFINITY_H
#define CPROCESSORAFFINITY_H

/* The cores this process may run on. Swift's Foundation counts every online core, and Glibc as
   Swift imports it lacks sched_getaffinity; on a Slurm node or under taskset the process is
   allowed far fewer, and a thread per online core would crowd them. */

/** The cores in this process's CPU affinity mask; where there is none, every online core. At least 1. */
int processor_affinity_cores(void);

#endif
