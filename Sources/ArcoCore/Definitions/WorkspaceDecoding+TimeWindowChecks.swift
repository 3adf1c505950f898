/// Checks that a decoded time-window definition yields windows arco can name.
///
/// These checks once ran only when a command first listed the partitions, so `arco validate`
/// passed a definition that every later command refused (a date-only `fmt` on a six-hourly
/// cron, a `fmt` with no date at all). Building the set here costs what every command already
/// pays: the zone's offsets are cached per process and the usual formats skip the walk.
extension WorkspaceDecoding {
    /// Builds the definition's set and reports what it refuses at the key that causes it: the
    /// `fmt` for a format too coarse, the `cron` (or `type`) for a cadence without windows.
    mutating func checkWindows(of definition: TimeWindowPartitions, _ fields: ConfigFields) {
        do throws(TimeWindowPartitionError) {
            _ = try TimeWindowPartitionSet(definition)
        } catch {
            let subject = fields.subject.description
            switch error {
            case .formatTooCoarse:
                report("\(subject) has no usable windows: \(error)",
                    at: fields["fmt"]?.location ?? fields["type"]?.location ?? fields.location,
                    hint: "show every part of a window's start in 'fmt', e.g. '%Y-%m-%d-%H:%M'")
            case .noWindows:
                report("\(subject) has no usable windows: \(error)",
                    at: fields["cron"]?.location ?? fields["type"]?.location ?? fields.location,
                    hint: "use a cadence that fires at least once every nine years after 'start'")
            default:
                report("\(subject) has no usable windows: \(error)", at: fields.location)
            }
        }
    }
}
