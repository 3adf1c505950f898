/// The variables a step process receives (ARCHITECTURE §2). Partition keys and other data only
/// ever reach a step this way, never spliced into its command string.
public enum StepEnvironment {
    /// The `ARCO_*` variables for one attempt of a step.
    /// - Parameters:
    ///   - set: the asset's partition set, for time windows and multi dimensions.
    ///   - reportPath: the file the step may append `ARCO_REPORT` JSON lines to.
    public static func variables(
        runID: RunID, step: StepRow, attempt: Int64, set: PartitionSet?, workspace: String, reportPath: String
    ) -> [String: String] {
        var variables = [
            "ARCO_RUN_ID": runID.rawValue, "ARCO_ASSET": step.asset, "ARCO_STEP_KEY": step.stepKey.rawValue,
            "ARCO_ATTEMPT": String(attempt), "ARCO_WORKSPACE": workspace, "ARCO_REPORT": reportPath,
        ]
        let keys = step.partition.map { [$0] } ?? step.partitionRange
        guard let first = keys.first, let last = keys.last else { return variables }
        if let key = step.partition { variables["ARCO_PARTITION_KEY"] = key }
        if !step.partitionRange.isEmpty {
            // Keys never contain control characters (Dagster forbids them), so newlines separate.
            variables["ARCO_PARTITION_KEYS"] = step.partitionRange.joined(separator: "\n")
        }
        if let set {
            if let start = set.window(forKey: first)?.start, let end = set.window(forKey: last)?.end {
                variables["ARCO_PARTITION_START"] = start.iso8601
                variables["ARCO_PARTITION_END"] = end.iso8601
            }
            if case .multi(let dimensions) = set, let key = step.partition {
                let parts = key.split(separator: "|", omittingEmptySubsequences: false)
                for (dimension, part) in zip(dimensions, parts) {
                    variables["ARCO_PARTITION_" + variableName(dimension.name)] = String(part)
                }
            }
        }
        return variables
    }

    /// A dimension name as a variable suffix: upper case, anything but letters and digits as `_`.
    public static func variableName(_ name: String) -> String {
        String(name.uppercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }
}
