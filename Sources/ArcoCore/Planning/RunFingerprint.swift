/// The fingerprint of a run request: SHA-256 hex of canonical JSON, so two requests under one
/// run key are "the same" exactly when they would plan the same work.
///
/// Order never matters: assets, partitions and tags are sorted before hashing, which is why
/// `a,b` and `b,a` under one run key name one run.
public enum RunFingerprint {
    /// The fingerprint of `arco run`: {sorted resolved assets, closure flags, sorted canonical
    /// partition keys, tags}.
    public static func run(
        assets: [AssetKey], closure: (upstream: Bool, downstream: Bool), steps: [PlannedStep], tags: [String: String]
    ) -> String {
        let payload: JSONValue = [
            "kind": "run",
            "selection": .strings(Set(assets.map(\.rawValue)).sorted()),
            "include_upstream": .bool(closure.upstream),
            "include_downstream": .bool(closure.downstream),
            "partitions": .strings(canonicalPartitions(steps)),
            "tags": .stringMap(tags),
        ]
        return SHA256Hex.digest(CanonicalJSON.encode(payload))
    }

    /// The fingerprint of a rerun: the parent, the kind and the exact steps chosen.
    public static func rerun(parent: RunID, kind: String, steps: [StepKey], tags: [String: String]) -> String {
        let payload: JSONValue = [
            "kind": "rerun", "parent_run_id": .string(parent.rawValue), "rerun_kind": .string(kind),
            "selected_steps": .strings(steps.map(\.rawValue).sorted()), "tags": .stringMap(tags),
        ]
        return SHA256Hex.digest(CanonicalJSON.encode(payload))
    }

    /// Each distinct `asset:canonical-key` once, sorted; unpartitioned steps add nothing.
    static func canonicalPartitions(_ steps: [PlannedStep]) -> [String] {
        var keys = Set<String>()
        for step in steps {
            for key in step.canonicalPartitions { keys.insert("\(step.asset):\(key)") }
        }
        return keys.sorted()
    }
}
