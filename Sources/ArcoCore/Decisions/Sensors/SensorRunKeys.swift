/// The run keys a sensor's requests are recorded under. Keys are scoped to the sensor, as
/// Dagster scopes `run_key` by sensor name: two sensors returning `batch-0` request two runs,
/// one sensor returning it twice (in any evaluations) requests one.
public enum SensorRunKeys {
    /// A key the command returned: `sensor:{sensor}:{key}`.
    public static func scoped(sensor: String, key: String) -> RunKey { RunKey("sensor:\(sensor):\(key)") }

    /// A request without a key: `sensor:{sensor}:{eval_id}:{index}`, unique to the evaluation,
    /// so a request without a key runs every time it is returned.
    public static func derived(sensor: String, evalID: String, index: Int) -> RunKey {
        RunKey("sensor:\(sensor):\(evalID):\(index)")
    }

    /// An asset sensor's request for the materialization at ledger `seq`:
    /// `sensor:{sensor}:mat:{seq}`. It is a function of the ledger alone, so an evaluation
    /// repeated after `rebuild` names the same run.
    public static func materialization(sensor: String, seq: Int64) -> RunKey { RunKey("sensor:\(sensor):mat:\(seq)") }

    /// The requests with only the first of each run key: a key asked for twice in one answer
    /// is one run (Dagster skips the second as a run that already exists). Without this the
    /// second request was drafted a run id of its own that the run-key gate then never created.
    public static func firstOfEachKey(_ requests: [SensorRunRequest]) -> [SensorRunRequest] {
        var seen = Set<RunKey>()
        return requests.filter { seen.insert($0.runKey).inserted }
    }

    /// The key for request `index` of an answer.
    public static func key(for request: SensorAnswer.Request, sensor: String, evalID: String, index: Int) -> RunKey {
        request.runKey.map { scoped(sensor: sensor, key: $0) } ?? derived(sensor: sensor, evalID: evalID, index: index)
    }
}
