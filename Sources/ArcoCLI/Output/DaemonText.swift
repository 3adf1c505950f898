import ArcoCore
import ArcoEngine

/// How the daemon's log lines and `daemon status` print.
enum DaemonText {
    /// One log line: `{at} {action} {subject}: {why} (run {id})`, or a JSON Lines object.
    static func print(_ line: DaemonLogLine, json: Bool) {
        if json {
            var object: [String: JSONValue] = [
                "at": .string(line.at.iso8601), "action": .string(line.action), "subject": .optional(line.subject),
                "why": .string(line.why), "run_id": .optional(line.runID?.rawValue),
            ]
            for (name, token) in line.tokens { object[name] = .int(token) }
            Console.out(CanonicalJSON.encode(.object(object)))
            return
        }
        let subject = line.subject.map { " \($0):" } ?? ""
        Console.out("\(line.at.iso8601) \(line.action)\(subject) \(line.why)" + (line.runID.map { " (run \($0))" } ?? ""))
    }

    /// `daemon status --json`.
    static func json(_ status: DaemonStatusView) -> JSONValue {
        let leader: JSONValue = status.leader.map { lease in
            [
                "holder": .string(lease.holder.id), "host": .string(lease.holder.host), "pid": .int(lease.holder.pid),
                "token": .int(lease.token), "since": .string(lease.since.iso8601),
                "expires_at": .string(lease.expiresAt.iso8601),
            ]
        } ?? .null
        let standbys = status.standbys.map { standby -> JSONValue in
            [
                "holder": .string(standby.holder.id), "host": .string(standby.holder.host),
                "pid": .int(standby.holder.pid), "seen_at": .string(standby.seenAt.iso8601),
            ]
        }
        let lastPass: JSONValue = status.lastPass.map { pass in
            [
                "holder": .string(pass.holderID), "token": .int(pass.token), "started_at": .string(pass.startedAt.iso8601),
                "finished_at": .string(pass.finishedAt.iso8601),
                "parts": (try? JSONParser.parse(pass.summary)) ?? .string(pass.summary),
            ]
        } ?? .null
        return [
            "leader": leader, "last_token": .optional(status.lastLease.map { $0.token }), "standbys": .array(standbys),
            "last_pass": lastPass,
        ]
    }

    /// What one part of a pass did, in words (`daemon status --json` keeps the numbers).
    static func words(_ part: JSONValue) -> String {
        func count(_ key: String, _ noun: String) -> String? {
            part[key]?.intValue.map { "\($0) \(noun)\($0 == 1 ? "" : "s")" }
        }
        if let error = part["error"]?.stringValue { return "failed: \(error)" }
        if part["evaluated"] == .bool(false) { return "no automation: conditions" }
        var words: [String] = []
        if let active = part["active"] {
            words.append(active == .bool(true) ? "backfills in progress" : "no backfill in progress")
        }
        words += [
            count("lost", "run") .map { $0 + " failed as lost" }, count("ticks", "tick"), count("evaluations", "evaluation"),
            count("requested", "run").map { $0 + " requested" }, count("launched", "run").map { $0 + " started" },
        ].compactMap { $0 }
        return words.isEmpty ? CanonicalJSON.encode(part) : words.joined(separator: ", ")
    }

    /// `daemon status` for people.
    static func lines(_ status: DaemonStatusView) -> [String] {
        var lines: [String] = []
        if let lease = status.leader {
            lines.append(
                "leader: \(lease.holder.id) (host \(lease.holder.host), pid \(lease.holder.pid)), token \(lease.token), "
                    + "since \(lease.since.iso8601), lease expires \(lease.expiresAt.iso8601)")
        } else if let last = status.lastLease {
            lines.append("leader: none (the lease lapsed at \(last.expiresAt.iso8601); last token \(last.token))")
        } else {
            lines.append("leader: none (no daemon has run here; start one with `arco daemon`)")
        }
        if let pass = status.lastPass {
            lines.append("last pass: \(pass.startedAt.iso8601) to \(pass.finishedAt.iso8601) by \(pass.holderID) (token \(pass.token))")
            if case .object(let parts)? = try? JSONParser.parse(pass.summary) {
                for name in parts.keys.sorted() {
                    lines.append("  \(name): \(words(parts[name] ?? .null))")
                }
            }
        }
        for standby in status.standbys {
            lines.append("standby: \(standby.holder.id) (host \(standby.holder.host), pid \(standby.holder.pid)), seen \(standby.seenAt.iso8601)")
        }
        return lines
    }
}
