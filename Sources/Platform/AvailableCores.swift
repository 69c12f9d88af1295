import CAvailableCores

/// The cores this process may use: its CPU affinity, which under Slurm or `taskset` is fewer than
/// the machine has, capped by its cgroup's CPU limit (a Kubernetes pod's, a container's `--cpus`).
public enum AvailableCores {
    /// The count, read afresh: at least 1.
    public static var count: Int { Int(available_cores()) }
}
