/// One label of the catalogue: its meaning, where its name comes from, and its one-line description.
public struct LabelDefinition: Sendable, Hashable {
    /// What the label means.
    public let meaning: LabelMeaning
    /// The variable that renames it and its default name.
    public let binding: LabelBinding
    /// The forge label description (at most 100 characters, GitHub's limit), e.g.
    /// `start "idea/project": intake package …`.
    public let summary: String

    /// Creates a definition.
    public init(meaning: LabelMeaning, binding: LabelBinding, summary: String) {
        self.meaning = meaning
        self.binding = binding
        self.summary = summary
    }
}
