/// Finds the name an operator probably meant, for "did you mean" hints.
public enum NameSuggestion {
    /// The closest candidate: within edit distance 2 (ignoring case), or one of the two a prefix
    /// of the other. The best score wins (edit distance, or 1 for a word cut short), then the
    /// name that sorts first.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let lowered = word.lowercased()
        var best: (name: String, score: Int)?
        for candidate in candidates where candidate != word {
            let other = candidate.lowercased()
            let distance = editDistance(lowered, other)
            // A word cut short (`env_f` for `env_file`) ranks like a one-letter typo.
            let isTruncation = lowered.count >= 2 && other.hasPrefix(lowered)
            let isExtension = lowered.count >= 2 && lowered.hasPrefix(other)
            let isClose = distance <= 2 && distance < max(lowered.count, other.count)
            guard isClose || isTruncation || isExtension else { continue }
            var score = isClose ? distance : 3
            if isTruncation { score = min(score, 1) }
            if let current = best, (current.score, current.name) <= (score, candidate) { continue }
            best = (candidate, score)
        }
        return best?.name
    }

    /// `did you mean 'x'?`, or nil when nothing is close.
    public static func hint(for word: String, in candidates: some Sequence<String>) -> String? {
        closest(to: word, in: candidates).map { "did you mean '\($0)'?" }
    }

    /// The Levenshtein distance between two strings, counted in characters.
    public static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let left = Array(lhs)
        let right = Array(rhs)
        guard !left.isEmpty else { return right.count }
        guard !right.isEmpty else { return left.count }
        var previous = Array(0...right.count)
        var current = previous
        for (row, leftCharacter) in left.enumerated() {
            current[0] = row + 1
            for (column, rightCharacter) in right.enumerated() {
                let substitution = previous[column] + (leftCharacter == rightCharacter ? 0 : 1)
                let deletion = previous[column + 1] + 1
                current[column + 1] = min(substitution, deletion, current[column] + 1)
            }
            swap(&previous, &current)
        }
        return previous[right.count]
    }
}
