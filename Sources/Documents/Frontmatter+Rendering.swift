import Yams

// MARK: - Deterministic YAML

extension Frontmatter {
    /// The frontmatter as YAML lines (without the `---` delimiters), keys in ``entries`` order, ending in a newline.
    ///
    /// Strings that would read back as another type (`"12"`, `"true"`) are quoted; long text is not wrapped.
    ///
    /// - Parameter file: the file named if rendering fails.
    /// - Throws: ``FrontmatterError`` with code `unrenderable` if Yams cannot emit a value.
    public func yaml(file: String = "frontmatter") throws(FrontmatterError) -> String {
        do {
            return try YAMLText.render(.mapping(entries))
        } catch {
            throw FrontmatterError(
                .unrenderable, file: file, line: 1,
                "The frontmatter of `\(file)` could not be written as YAML (\(error)). "
                    + "Remove control characters from its values.")
        }
    }
}

/// The one place Conveyor turns a ``YAMLValue`` into YAML text, with fixed emitter settings so the same value
/// always gives the same bytes.
enum YAMLText {
    /// Block-style YAML for `value`, two-space indents, Unicode kept, no line folding.
    static func render(_ value: YAMLValue) throws -> String {
        try Yams.serialize(node: value.node, indent: 2, width: -1, allowUnicode: true, sortKeys: false)
    }
}
