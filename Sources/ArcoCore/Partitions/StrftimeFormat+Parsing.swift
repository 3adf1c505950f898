extension StrftimeFormat {
    /// Parses text the way Python's `datetime.strptime` does: the whole text must match, numbers
    /// take Python's widths (`%m` is 1 or 2 digits, `%Y` exactly 4), missing fields default to
    /// 1900-01-01 00:00:00, and an impossible date (`2023-02-29`) fails.
    ///
    /// - Returns: the wall time, with `utcOffsetSeconds` set when `%z` matched; nil otherwise.
    public func parse(_ text: String) -> WallDateTime? {
        let bytes = Array(text.utf8)
        guard let fields = match(bytes, token: 0, at: 0, ParsedFields()) else { return nil }
        var hour = fields.hour
        if let isPM = fields.isPM, fields.usesTwelveHourClock {
            hour = hour % 12 + (isPM ? 12 : 0)
        }
        var date = CivilDate(year: fields.year, month: fields.month, day: fields.day)
        if let dayOfYear = fields.dayOfYear {
            let first = CivilDate(year: fields.year, month: 1, day: 1).daysSinceEpoch
            date = CivilDate(daysSinceEpoch: first + Int64(dayOfYear) - 1)
        }
        guard date.isValid else { return nil }
        return WallDateTime(date: date, hour: hour, minute: fields.minute, second: fields.second,
            utcOffsetSeconds: fields.offset)
    }

    /// The fields collected while matching.
    struct ParsedFields {
        var year = 1900
        var month = 1
        var day = 1
        var hour = 0
        var minute = 0
        var second = 0
        var dayOfYear: Int?
        var isPM: Bool?
        var usesTwelveHourClock = false
        var offset: Int?
    }

    /// Python's width and range for each numeric directive.
    private static func numericRule(
        _ directive: UInt8
    ) -> (widths: [Int], range: ClosedRange<Int>)? {
        switch directive {
        case UInt8(ascii: "Y"): ([4], 0...9999)
        case UInt8(ascii: "y"): ([2], 0...99)
        case UInt8(ascii: "m"), UInt8(ascii: "I"): ([2, 1], 1...12)
        case UInt8(ascii: "d"): ([2, 1], 1...31)
        case UInt8(ascii: "H"): ([2, 1], 0...23)
        case UInt8(ascii: "M"): ([2, 1], 0...59)
        case UInt8(ascii: "S"): ([2, 1], 0...61)
        case UInt8(ascii: "j"): ([3, 2, 1], 1...366)
        case UInt8(ascii: "f"): ([6, 5, 4, 3, 2, 1], 0...999_999)
        case UInt8(ascii: "w"): ([1], 0...6)
        case UInt8(ascii: "u"): ([1], 1...7)
        default: nil
        }
    }

    /// Matches tokens from `token` on against `bytes` from `index`, backtracking over number
    /// widths as Python's regular expression does.
    private func match(
        _ bytes: [UInt8], token: Int, at index: Int, _ fields: ParsedFields
    ) -> ParsedFields? {
        guard token < tokens.count else { return index == bytes.count ? fields : nil }
        switch tokens[token] {
        case .literal(let literal):
            guard index + literal.count <= bytes.count,
                Array(bytes[index..<index + literal.count]) == literal
            else { return nil }
            return match(bytes, token: token + 1, at: index + literal.count, fields)
        case .directive(let directive):
            if let rule = Self.numericRule(directive) {
                for width in rule.widths {
                    guard let value = Self.number(bytes, at: index, width: width),
                        rule.range.contains(value)
                    else { continue }
                    var next = fields
                    Self.store(value, directive, in: &next)
                    if let done = match(bytes, token: token + 1, at: index + width, next) {
                        return done
                    }
                }
                return nil
            }
            var next = fields
            guard let end = Self.matchWord(directive, bytes, at: index, into: &next) else {
                return nil
            }
            return match(bytes, token: token + 1, at: end, next)
        }
    }

    private static func store(_ value: Int, _ directive: UInt8, in fields: inout ParsedFields) {
        switch directive {
        case UInt8(ascii: "Y"): fields.year = value
        case UInt8(ascii: "y"): fields.year = value < 69 ? 2000 + value : 1900 + value
        case UInt8(ascii: "m"): fields.month = value
        case UInt8(ascii: "d"): fields.day = value
        case UInt8(ascii: "H"): fields.hour = value
        case UInt8(ascii: "I"):
            fields.hour = value
            fields.usesTwelveHourClock = true
        case UInt8(ascii: "M"): fields.minute = value
        case UInt8(ascii: "S"): fields.second = min(value, 59)
        case UInt8(ascii: "j"): fields.dayOfYear = value
        default: break  // %f, %w and %u do not change the wall time.
        }
    }

    private static func number(_ bytes: [UInt8], at index: Int, width: Int) -> Int? {
        guard index + width <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + width] {
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }
}

extension StrftimeFormat {
    /// Matches `%z` and the name directives; returns the index after the match.
    fileprivate static func matchWord(
        _ directive: UInt8, _ bytes: [UInt8], at index: Int, into fields: inout ParsedFields
    ) -> Int? {
        switch directive {
        case UInt8(ascii: "z"): return matchOffset(bytes, at: index, into: &fields)
        case UInt8(ascii: "b"):
            return matchName(monthNames.map { String($0.prefix(3)) }, bytes, at: index) {
                fields.month = $0 + 1
            }
        case UInt8(ascii: "B"):
            return matchName(monthNames, bytes, at: index) { fields.month = $0 + 1 }
        case UInt8(ascii: "a"):
            return matchName(weekdayNames.map { String($0.prefix(3)) }, bytes, at: index) { _ in }
        case UInt8(ascii: "A"): return matchName(weekdayNames, bytes, at: index) { _ in }
        case UInt8(ascii: "p"):
            return matchName(["AM", "PM"], bytes, at: index) { fields.isPM = $0 == 1 }
        default: return nil
        }
    }

    /// `Z`, or `±HH[:]MM` with optional `[:]SS`, as Python's `%z` accepts.
    private static func matchOffset(
        _ bytes: [UInt8], at index: Int, into fields: inout ParsedFields
    ) -> Int? {
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "Z") {
            fields.offset = 0
            return index + 1
        }
        guard bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") else {
            return nil
        }
        let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
        var cursor = index + 1
        guard let hours = number(bytes, at: cursor, width: 2) else { return nil }
        cursor += 2
        let hasColon = cursor < bytes.count && bytes[cursor] == UInt8(ascii: ":")
        if hasColon { cursor += 1 }
        guard let minutes = number(bytes, at: cursor, width: 2), minutes < 60 else { return nil }
        cursor += 2
        var seconds = 0
        let secondsStart = cursor + (hasColon ? 1 : 0)
        if !hasColon || (cursor < bytes.count && bytes[cursor] == UInt8(ascii: ":")),
            let parsed = number(bytes, at: secondsStart, width: 2), parsed < 60
        {
            seconds = parsed
            cursor = secondsStart + 2
        }
        fields.offset = sign * (hours * 3600 + minutes * 60 + seconds)
        return cursor
    }

    /// Matches one of `names`, ignoring ASCII case, longest first.
    private static func matchName(
        _ names: [String], _ bytes: [UInt8], at index: Int, _ found: (Int) -> Void
    ) -> Int? {
        let order = names.indices.sorted { names[$0].utf8.count > names[$1].utf8.count }
        for position in order {
            let name = Array(names[position].lowercased().utf8)
            guard index + name.count <= bytes.count else { continue }
            let slice = bytes[index..<index + name.count].map { (65...90).contains($0) ? $0 + 32 : $0 }
            if slice == name {
                found(position)
                return index + name.count
            }
        }
        return nil
    }
}
