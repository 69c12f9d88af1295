#define _GNU_SOURCE
#include "CProcessorAffinity.h"

#include <unistd.h>

#ifdef __linux__
#include <sched.h>
#endif

int processor_affinity_cores(void) {
#ifdef __linux__
    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    if (sched_getaffinity(0, sizeof allowed, &allowed) == 0) {
        int count = CPU_COUNT(&allowed);
        if (count > 0) return count;
    }
#endif
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    return online > 0 ? (int)online : 1;
}
