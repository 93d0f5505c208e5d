import Foundation

/// The name of the branch a work item's changes are pushed to: `conveyor/<N>-<slug>`.
public enum WorkBranch {
    /// The folder every work branch lives in.
    public static let prefix = "conveyor/"
    /// The longest slug, in characters.
    public static let maximumSlugLength = 40
    /// The slug of a title with no letters or digits at all.
    public static let fallbackSlug = "item"

    /// The work branch of work item `number` titled `title`, e.g. `conveyor/12-add-sign-in`.
    public static func name(number: Int, title: String) -> String {
        "\(prefix)\(number)-\(slug(title))"
    }

    /// An ASCII slug of `title`: transliterated to Latin (Cyrillic `Добавить вход` gives `dobavit-vhod`), accents
    /// stripped, lowercased, every run of other characters turned into one `-`, at most ``maximumSlugLength``
    /// characters cut at a word boundary, and ``fallbackSlug`` when nothing is left. It is always a valid part of a
    /// git branch name.
    public static func slug(_ title: String) -> String {
        let ascii = transliterated(title).lowercased()
        var words: [String] = []
        var current = ""
        for scalar in ascii.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        var slug = ""
        for word in words {
            let candidate = slug.isEmpty ? word : "\(slug)-\(word)"
            if candidate.count <= maximumSlugLength {
                slug = candidate
            } else {
                // A single word longer than the limit is cut; otherwise the slug stops at the last whole word.
                if slug.isEmpty { slug = String(word.prefix(maximumSlugLength)) }
                break
            }
        }
        return slug.isEmpty ? fallbackSlug : slug
    }

    /// `text` in Latin letters without diacritics, as far as ICU's transforms reach; characters they cannot map
    /// stay and are dropped by ``slug(_:)``.
    private static func transliterated(_ text: String) -> String {
        if let ascii = text.applyingTransform(StringTransform("Any-Latin; Latin-ASCII"), reverse: false) {
            return ascii
        }
        let latin = text.applyingTransform(.toLatin, reverse: false) ?? text
        return latin.applyingTransform(.stripDiacritics, reverse: false) ?? latin
    }
}
