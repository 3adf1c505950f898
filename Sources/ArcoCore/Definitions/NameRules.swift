/// The spelling rules for names in `arco.yaml`.
///
/// Names become environment variables (`ARCO_PARTITION_<DIM>`), selection terms and path-like
/// asset keys, so they are kept to identifiers, as Dagster keeps its names to `[A-Za-z0-9_]+`.
enum NameRules {
    /// `[A-Za-z_][A-Za-z0-9_]*`: partitions definitions, dimensions, schedules, sensors, groups,
    /// environment variables.
    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, isIdentifierStart(first) else { return false }
        return text.unicodeScalars.dropFirst().allSatisfy(isIdentifierPart)
    }

    /// One or more identifiers joined by `/`: asset keys such as `warehouse/orders`.
    static func isAssetKey(_ text: String) -> Bool {
        text.split(separator: "/", omittingEmptySubsequences: false)
            .allSatisfy { isIdentifier(String($0)) }
    }

    /// Whether an environment variable name is reserved for the variables arco sets.
    static func isReservedEnvironmentName(_ name: String) -> Bool {
        name.uppercased().hasPrefix("ARCO_")
    }

    /// The characters Dagster forbids in partition keys: the control characters (it lists
    /// \a \b \f \n \r \t \v \0; arco refuses every C0 control, DEL and every C1 control).
    static func containsControlCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isControl)
    }

    /// C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F). C1 matters as much as C0:
    /// U+0085 (NEL) is a line break to many readers, so a key holding it prints as two lines.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// The text with control characters written as `\u{XX}`, safe to print in a message.
    static func printable(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u{\(hex)}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierStart(scalar) || ("0"..."9").contains(scalar)
    }
}
