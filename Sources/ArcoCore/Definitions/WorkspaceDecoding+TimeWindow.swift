/// Decodes the time-window partitions definitions: `hourly`, `daily`, `weekly`, `monthly` and
/// `time_window`.
extension WorkspaceDecoding {
    /// The strftime directives a key format may use: Python's (which Dagster formats with) that
    /// arco writes and reads back. Week numbers (`%U %W %G %V`) and zone names (`%Z`) are refused
    /// rather than printed literally.
    static let formatDirectives: Set<Character> = [
        "a", "A", "w", "d", "b", "B", "m", "y", "Y", "H", "I", "p", "M", "S", "f", "z", "j", "u", "%",
    ]

    /// Returns nil when a required part (start, cron) is missing or invalid.
    mutating func decodeTimeWindow(_ fields: ConfigFields, type: String) -> TimeWindowPartitions? {
        let problemsBefore = diagnostics.count
        // The format comes first: Dagster parses `start` and `end` with it.
        let format = fields["fmt"].flatMap { keyFormat($0, fields.subject("fmt")) }
        let startFormat = format.map(StrftimeFormat.init)
        let start = fields["start"].flatMap { boundary($0, fields.subject("start"), startFormat) }
        let end = fields["end"].flatMap { boundary($0, fields.subject("end"), startFormat) }
        if let start, let end, let endNode = fields["end"], start.isBefore(end) == false {
            report("\(fields.subject("end")) must be after its 'start' (\(start))",
                at: endNode.location, hint: "'end' is exclusive, as in Dagster")
        }
        let timezone = fields["timezone"].flatMap { self.timezone($0, fields.subject("timezone")) }
        let endOffset = fields["end_offset"].flatMap {
            integer($0, fields.subject("end_offset"),
                in: -Limits.windowOffsetMagnitudeMax...Limits.windowOffsetMagnitudeMax)
        }
        let exclusions = fields["exclusions"].map {
            decodeExclusions($0, fields.subject("exclusions"))
        }
        guard let cadence = decodeCadence(fields, type: type), let start else { return nil }
        let definition = TimeWindowPartitions(cadence: cadence, start: start, end: end,
            timezone: timezone ?? "UTC", format: format, endOffset: endOffset ?? 0,
            exclusions: exclusions ?? [])
        // Only a definition whose every part decoded can be asked for its windows; otherwise the
        // part's own diagnostic already says what is wrong.
        if diagnostics.count == problemsBefore { checkWindows(of: definition, fields) }
        return definition
    }

    /// A `start` or `end`: read with the definition's `fmt` first, as Dagster reads it
    /// (`start: "2024/01/01"` with `fmt: "%Y/%m/%d"`), then as an ISO date.
    private mutating func boundary(
        _ node: ConfigNode, _ subject: DefinitionSubject, _ format: StrftimeFormat?
    ) -> WallDateTime? {
        if let format, let text = node.scalar?.value,
            let wall = format.parse(text) ?? format.withUTCOffset.parse(text)
        {
            return wall
        }
        guard let format, let scalar = node.scalar, WallDateTime.parse(scalar.value) == nil else {
            return dateTime(node, subject)
        }
        report("invalid date '\(scalar.value)' for \(subject)", at: node.location,
            hint: "write it in the definition's fmt '\(format.pattern)', or as 'YYYY-MM-DD'")
        return nil
    }

    /// The cadence and its offsets, ranged as Dagster's generated cron allows them.
    private mutating func decodeCadence(
        _ fields: ConfigFields, type: String
    ) -> TimeWindowCadence? {
        func offset(_ key: String, _ range: ClosedRange<Int>, _ fallback: Int) -> Int {
            fields[key].flatMap { integer($0, fields.subject(key), in: range) } ?? fallback
        }
        let minute = offset("minute_offset", 0...59, 0)
        let hour = offset("hour_offset", 0...23, 0)
        switch type {
        case "hourly": return .hourly(minuteOffset: minute)
        case "daily": return .daily(minuteOffset: minute, hourOffset: hour)
        case "weekly":
            return .weekly(minuteOffset: minute, hourOffset: hour,
                dayOffset: offset("day_offset", 0...6, 0))
        case "monthly":
            return .monthly(minuteOffset: minute, hourOffset: hour,
                dayOffset: offset("day_offset", 1...31, 1))
        default:
            return fields["cron"].flatMap { cron($0, fields.subject("cron")) }.map { .cron($0) }
        }
    }

    /// A strftime format for keys: known directives only, and never `...`, which keys may not
    /// contain.
    private mutating func keyFormat(_ node: ConfigNode, _ subject: DefinitionSubject) -> String? {
        guard let format = string(node, subject) else { return nil }
        var characters = format.makeIterator()
        while let character = characters.next() {
            guard character == "%" else { continue }
            guard let directive = characters.next(), Self.formatDirectives.contains(directive)
            else {
                report("unknown directive in \(subject) '\(format)'", at: node.location,
                    hint: "use strftime directives such as %Y, %m, %d, %H, %M and %z")
                return nil
            }
        }
        if format.contains("...") {
            report("\(subject) '\(format)' contains '...', which partition keys may not contain",
                at: node.location)
            return nil
        }
        return format
    }

    /// Each exclusion is a date-time or a cron, as in Dagster.
    private mutating func decodeExclusions(
        _ node: ConfigNode, _ subject: DefinitionSubject
    ) -> [PartitionExclusion] {
        guard let items = scalarList(node, subject) else { return [] }
        var exclusions: [PartitionExclusion] = []
        for item in items {
            if let dateTime = WallDateTime.parse(item.value) {
                exclusions.append(.dateTime(dateTime))
                continue
            }
            do throws(CronSyntax.ParseError) {
                exclusions.append(.cron(try CronSyntax.parse(item.value)))
            } catch {
                report("invalid exclusion '\(item.value)' in \(subject): \(error)",
                    at: item.location, hint: "write a date such as '2024-12-25' or a cron")
            }
        }
        return exclusions
    }
}
