/// Where a workspace keeps its ledger and projections: the embedded SQLite file, or a shared
/// PostgreSQL database (docs/adr/0023-postgres-store.md).
///
/// The setting is read, first match wins, from `--store`, `ARCO_STORE`, then the top-level
/// `store:` line of `arco.yaml`; with none of them the workspace uses SQLite as it always has.
/// A `${NAME}` reference in the value is replaced by that environment variable, so a password
/// never has to sit in `arco.yaml`.
public enum StoreSelection: Sendable, Hashable {
    /// `.arco/arco.db` in the workspace.
    case sqlite
    /// A PostgreSQL URL (`postgres://` or `postgresql://`), references already expanded.
    case postgres(url: String)

    /// Where the setting came from, named in errors and by `arco doctor`.
    public enum Source: String, Sendable, Hashable {
        case flag = "--store"
        case environment = "ARCO_STORE"
        case workspaceFile = "store: in arco.yaml"
        case builtIn = "default"
    }

    /// The word that selects the embedded store explicitly (e.g. `--store sqlite` to override a
    /// `store:` line for one command).
    public static let sqliteWord = "sqlite"

    /// Decides the store from the three places a setting may come from.
    /// - Parameters:
    ///   - flag: `--store`, if given.
    ///   - environment: the process environment (`ARCO_STORE`, and `${NAME}` references).
    ///   - workspaceFile: the text of `arco.yaml`, if it could be read.
    /// - Throws: `OperatorError` (64 for a bad flag or variable, 65 for a bad `store:` line).
    public static func resolve(flag: String?, environment: [String: String], workspaceFile: String?) throws(OperatorError)
        -> (selection: StoreSelection, source: Source)
    {
        if let flag, !flag.isEmpty { return (try parse(flag, source: .flag, environment: environment), .flag) }
        if let variable = environment["ARCO_STORE"], !variable.isEmpty {
            return (try parse(variable, source: .environment, environment: environment), .environment)
        }
        if let text = workspaceFile, let line = workspaceFileSetting(text) {
            return (try parse(line, source: .workspaceFile, environment: environment), .workspaceFile)
        }
        return (.sqlite, .builtIn)
    }

    /// Parses one setting: `sqlite`, or a PostgreSQL URL after expanding `${NAME}` references.
    static func parse(_ raw: String, source: Source, environment: [String: String]) throws(OperatorError) -> StoreSelection {
        let status: ExitStatus = source == .workspaceFile ? .dataError : .usage
        let value = try expand(raw, source: source, environment: environment)
        if value == sqliteWord { return .sqlite }
        let lowered = value.lowercased()
        guard lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") else {
            throw OperatorError(
                status, "\(source.rawValue) '\(redacted(value))' is not a store arco knows",
                hint: "use a PostgreSQL URL such as `--store postgres://arco@db.example.com:5432/arco`, or `--store sqlite`")
        }
        return .postgres(url: value)
    }

    /// Replaces each `${NAME}` with that environment variable.
    /// - Throws: when a variable is unset (naming it) or a reference is not closed.
    static func expand(_ raw: String, source: Source, environment: [String: String]) throws(OperatorError) -> String {
        let status: ExitStatus = source == .workspaceFile ? .dataError : .usage
        var result = ""
        var rest = Substring(raw)
        while let start = rest.range(of: "${") {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                throw OperatorError(
                    status, "\(source.rawValue) has a '${' without its closing '}'",
                    hint: "write a reference as `${NAME}`, e.g. `store: ${ARCO_PG_URL}`")
            }
            let name = String(rest[start.upperBound..<end])
            guard let value = environment[name] else {
                throw OperatorError(
                    status, "\(source.rawValue) refers to the environment variable '\(name)', which is not set",
                    hint: "set it before running arco, e.g. `export \(name)='postgres://arco@localhost/arco'`")
            }
            result += value
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }

    /// The value of a top-level `store:` line, unquoted, or nil when the file has none.
    ///
    /// Read from the text, not from the parsed definitions: the store is opened by commands that
    /// never parse `arco.yaml` (`ledger export`, `doctor`), and a definitions file broken by a
    /// half-saved edit must not hide where the store is. So the setting is one line,
    /// `store: VALUE`, with VALUE plain or quoted; the definitions parser checks the same key.
    public static func workspaceFileSetting(_ text: String) -> String? {
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            guard line.hasPrefix("store:") else { continue }
            var value = line.dropFirst("store:".count).drop(while: { $0 == " " || $0 == "\t" })
            if let quote = value.first, quote == "\"" || quote == "'" {
                value = value.dropFirst()
                guard let close = value.firstIndex(of: quote) else { return String(value) }
                return String(value[..<close])
            }
            if let comment = value.range(of: " #") { value = value[..<comment.lowerBound] }
            return String(value.trimmingTrailingSpace)
        }
        return nil
    }

    /// The setting with any password replaced by `***`, for messages.
    public static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        let credentials = url[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }

    /// How the selection reads in `arco doctor` and errors; never shows a password.
    public var displayName: String {
        switch self {
        case .sqlite: "sqlite"
        case .postgres(let url): Self.redacted(url)
        }
    }
}

extension Substring {
    fileprivate var trimmingTrailingSpace: Substring {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " || self[index(before: end)] == "\t" { end = index(before: end) }
        return self[..<end]
    }
}
