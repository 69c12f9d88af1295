#define _GNU_SOURCE
#include "CAvailableCores.h"

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
    const long long cores = (quota + period - 1) / period;
    return cores > 0x7fffffff ? 0x7fffffff : (int)cores;
}

int cgroup_cpu_limit(const char *cgroup_list, const char *root) {
    FILE *list = fopen(cgroup_list, "r");
    if (!list) return 0;
    /* cgroup v2 has one line, "0::/path"; v1 lines name their controllers between the colons. */
    char line[4096], folder[8192] = "";
    while (fgets(line, sizeof line, list)) {
        if (strncmp(line, "0::/", 4) != 0) continue;
        line[strcspn(line, "\n")] = '\0';
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

int available_cores(void) {
    int cores = 0;
#ifdef __linux__
    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    if (sched_getaffinity(0, sizeof allowed, &allowed) == 0) cores = CPU_COUNT(&allowed);
#endif
    if (cores <= 0) {
        const long online = sysconf(_SC_NPROCESSORS_ONLN);
        cores = online > 0 ? (int)online : 1;
    }
    const int limit = cgroup_cpu_limit("/proc/self/cgroup", "/sys/fs/cgroup");
    return limit > 0 && limit < cores ? limit : cores;
}
