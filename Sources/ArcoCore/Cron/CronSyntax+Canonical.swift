extension CronSyntax {
    /// The ticks this cron fires on, written one way only: each field's values sorted (`*` for
    /// every value), `L` and the `#`/`L` weekday forms spelled out. Two crons with the same
    /// canonical form fire on the same ticks however they were written (`0,30` and `30,0`, extra
    /// spaces, `*/30` and `0,30`, `@daily` and `0 0 * * *`).
    public var canonical: String {
        func values(_ values: Values) -> String {
            switch values {
            case .every: "*"
            case .only(let list): list.map(String.init).joined(separator: ",")
            }
        }
        let lastDay = includesLastDayOfMonth ? (daysOfMonth == .every ? "L" : ",L") : ""
        let days = (includesLastDayOfMonth && daysOfMonth == .every ? "" : values(daysOfMonth)) + lastDay
        let nth = nthWeekdays.map { form in form.occurrence.map { "\(form.weekday)#\($0)" } ?? "L\(form.weekday)" }
        let weekdays = nth.isEmpty ? values(daysOfWeek) : nth.sorted().joined(separator: ",")
        return [values(minutes), values(hours), days, values(months), weekdays].joined(separator: " ")
    }
}
