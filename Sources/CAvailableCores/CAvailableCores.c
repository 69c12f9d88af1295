#define _GNU_SOURCE
#include "CAvailableCores.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifdef __linux__
#include <sched.h>
#endif

/* The cores `folder`/cpu.max allows, or 0 when it is absent, says "max", or cannot be read. */
static int limit_in(const char *folder) {
    char path[4096];
    if (snprintf(path, sizeof path, "%s/cpu.max", folder) >= (int)sizeof path) return 0;
    FILE *file = fopen(path, "r");
    if (!file) return 0;
    long long quota = 0, period = 0;
    const int read = fscanf(file, "%lld %lld", &quota, &period);
    fclose(file);
    if (read != 2 || quota <= 0 || period <= 0) return 0;
    const long long cores = quota / period + (quota % period != 0);
    return cores > 0x7fffffff ? 0x7fffffff : (int)cores;
}

int cgroup_cpu_limit(const char *cgroup_list, const char *root) {
    FILE *list = fopen(cgroup_list, "r");
    if (!list) return 0;
    /* cgroup v2 has one line, "0::/path"; v1 lines name their controllers between the colons. A
       line too long for the buffer is not used: cut short, it would name another cgroup. */
    char line[4096], folder[8192] = "";
    while (fgets(line, sizeof line, list)) {
        const size_t length = strcspn(line, "\n");
        if (strncmp(line, "0::/", 4) != 0 || line[length] != '\n') continue;
        line[length] = '\0';
        if (snprintf(folder, sizeof folder, "%s%s", root, line + 3) >= (int)sizeof folder) folder[0] = '\0';
        break;
    }
    fclose(list);
    if (folder[0] == '\0') return 0;
    /* A limit anywhere above holds too; walking up also finds a container's own cgroup when its
       list names the host's path. */
    const size_t root_length = strlen(root);
    int least = 0;
    for (;;) {
        const int limit = limit_in(folder);
        if (limit > 0 && (least == 0 || limit < least)) least = limit;
        char *slash = strrchr(folder, '/');
        if (!slash || (size_t)(slash - folder) < root_length) break;
        *slash = '\0';
    }
    return least;
}

/* The cores in this process's affinity mask, or 0 when it cannot be read. The mask is sized for
   the machine: the fixed cpu_set_t holds 1024 cores, and larger machines exist. */
static int affinity_cores(void) {
#ifdef __linux__
    for (int size = 1024; size <= (1 << 20); size *= 2) {
        cpu_set_t *allowed = CPU_ALLOC(size);
        if (!allowed) return 0;
        const size_t bytes = CPU_ALLOC_SIZE(size);
        CPU_ZERO_S(bytes, allowed);
        const int status = sched_getaffinity(0, bytes, allowed);
        const int count = status == 0 ? CPU_COUNT_S(bytes, allowed) : 0;
        CPU_FREE(allowed);
        if (status == 0) return count;
        if (errno != EINVAL) return 0;
    }
#endif
    return 0;
}

int available_cores(void) {
    int cores = affinity_cores();
    if (cores <= 0) {
        const long online = sysconf(_SC_NPROCESSORS_ONLN);
        cores = online > 0 ? (int)online : 1;
    }
    const int limit = cgroup_cpu_limit("/proc/self/cgroup", "/sys/fs/cgroup");
    return limit > 0 && limit < cores ? limit : cores;
}
