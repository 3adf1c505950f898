/// File names derived from step keys, which carry partition keys (any character but control
/// characters, so `../`, `/` and shell metacharacters included). Only a safe alphabet survives,
/// and a short hash of the original keeps two keys that sanitise alike apart.
public enum LogPath {
    /// A single path component for `text`: `[A-Za-z0-9._=-]` kept (no two dots in a row), the
    /// rest `_`, never starting with `.`, at most 80 characters, plus `-` and 10 hex digits of SHA-256 when anything changed.
    public static func component(_ text: String) -> String {
        var previousDot = false
        var safe = String(text.unicodeScalars.map { scalar -> Character in
            let value = scalar.value
            // A dot after a dot becomes `_`, so no name ever contains `..`.
            let dot = scalar == "." && !previousDot
            previousDot = scalar == "."
            let allowed = (value >= 48 && value <= 57) || (value >= 65 && value <= 90) || (value >= 97 && value <= 122)
                || dot || scalar == "_" || scalar == "-" || scalar == "="
            return allowed ? Character(scalar) : "_"
        })
        if safe.hasPrefix(".") { safe = "_" + safe.dropFirst() }
        guard safe != text || safe.count > 80 || safe.isEmpty else { return safe }
        return String(safe.prefix(80)) + "-" + String(SHA256Hex.digest(text).prefix(10))
    }

    /// `{run}/{step}/attempt-{n}.log`, relative to the logs folder.
    public static func log(run: RunID, step: StepKey, attempt: Int64) -> String {
        "\(component(run.rawValue))/\(component(step.rawValue))/attempt-\(attempt).log"
    }

    /// `{run}/{step}/attempt-{n}.pid`: the attempt's process group id.
    public static func pid(run: RunID, step: StepKey, attempt: Int64) -> String {
        "\(component(run.rawValue))/\(component(step.rawValue))/attempt-\(attempt).pid"
    }

    /// `{run}/{step}/attempt-{n}.report`: the step's `ARCO_REPORT` file, beside its log.
    public static func report(run: RunID, step: StepKey, attempt: Int64) -> String {
        "\(component(run.rawValue))/\(component(step.rawValue))/attempt-\(attempt).report"
    }
}
