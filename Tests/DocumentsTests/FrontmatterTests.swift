import ConveyorTestSupport
import Documents
import Pipeline
import Testing

@Suite struct FrontmatterTests {
    private let complete = """
        ---
        doc_id: BRF-12
        type: brief
        status: in-review
        owner_role: pm
        stage: intake
        work_item: 12
        related_issues: [12, 15]
        related_prs: []
        version: 2
        supersedes: BRF-11
        superseded_by: null
        generated_by: {agent: claude, model: some-model, run_id: "99-1"}
        title: "Sign-in: the brief"
        tags: [auth, mvp]
        ---
        # Brief

        Body text.
        """

    @Test func parsesEveryCommonKeyAndKeepsTheRest() throws {
        let document = try ArtifactDocument.parse(complete, path: "docs/work-items/12/intake/brief.md")
        let frontmatter = document.frontmatter
        #expect(frontmatter.docID == "BRF-12")
        #expect(frontmatter.type == "brief")
        #expect(frontmatter.status == .inReview)
        #expect(frontmatter.ownerRole == "pm")
        #expect(frontmatter.stage == .intake)
        #expect(frontmatter.workItem == 12)
        #expect(frontmatter.relatedIssues == [12, 15])
        #expect(frontmatter.relatedPRs == [])
        #expect(frontmatter.version == 2)
        #expect(frontmatter.supersedes == "BRF-11")
        #expect(frontmatter.supersededBy == nil)
        #expect(frontmatter.generatedBy == GeneratedBy(agent: "claude", model: "some-model", runID: "99-1"))
        #expect(frontmatter.extra["title"] == .string("Sign-in: the brief"))
        #expect(frontmatter.extra["tags"] == .sequence([.string("auth"), .string("mvp")]))
        #expect(document.body == "# Brief\n\nBody text.")
    }

    @Test func rendersInAStableOrderAndReadsBackTheSame() throws {
        let document = try ArtifactDocument.parse(complete, path: "docs/work-items/12/intake/brief.md")
        let rendered = try document.rendered()
        #expect(
            rendered == """
                ---
                doc_id: BRF-12
                type: brief
                status: in-review
                owner_role: pm
                stage: intake
                work_item: 12
                related_issues: [12, 15]
                related_prs: []
                version: 2
                supersedes: BRF-11
                generated_by:
                  agent: claude
                  model: some-model
                  run_id: 99-1
                tags: [auth, mvp]
                title: 'Sign-in: the brief'
                ---
                # Brief

                Body text.
                """)
        let again = try ArtifactDocument.parse(rendered, path: document.path)
        #expect(again == document)
        #expect(try again.rendered() == rendered)
    }

    @Test func writerQuotesStringsThatWouldChangeType() throws {
        var frontmatter = Frontmatter(docID: "123", type: "brief", status: .approved)
        frontmatter.supersededBy = "true"
        frontmatter.extra["verdict"] = .string("null")
        let yaml = try frontmatter.yaml()
        #expect(yaml.contains("doc_id: '123'"))
        #expect(yaml.contains("superseded_by: 'true'"))
        let reread = try ArtifactDocument.parse("---\n\(yaml)---\n", path: "x.md")
        #expect(reread.frontmatter == frontmatter)
    }

    @Test func settingStatusAndSupersededByRewritesOnlyThoseKeys() throws {
        let scratch = try TemporaryDirectory(prefix: "frontmatter")
        defer { scratch.remove() }
        let path = "docs/work-items/12/intake/brief.md"
        try DocumentFixtures.write(DocumentFixtures.artifact(docID: "BRF-12", type: "brief"), to: path, in: scratch.url)
        var document = try ArtifactDocument.read(path: path, in: scratch.url)
        document.frontmatter.status = .superseded
        document.frontmatter.supersededBy = "BRF-13"
        try document.write(in: scratch.url)
        let reread = try ArtifactDocument.read(path: path, in: scratch.url)
        #expect(reread.frontmatter.status == .superseded)
        #expect(reread.frontmatter.supersededBy == "BRF-13")
        #expect(reread.frontmatter.workItem == 12)
        #expect(reread.body == document.body)
    }

    @Test func acceptsCRLFAByteOrderMarkAndAScalarGeneratedBy() throws {
        let text =
            "\u{FEFF}---\r\ndoc_id: A-1\r\ntype: brief\r\nstatus: draft\r\ngenerated_by: offline\r\n---\r\nBody\r\n"
        let document = try ArtifactDocument.parse(text, path: "a.md")
        #expect(document.frontmatter.generatedBy == GeneratedBy(agent: "offline"))
        #expect(document.body == "Body\n")
    }

    @Test func valueForKeyCoversCommonAndExtraKeys() throws {
        let document = try ArtifactDocument.parse(complete, path: "b.md")
        #expect(document.frontmatter.value(forKey: "status") == .string("in-review"))
        #expect(document.frontmatter.value(forKey: "work_item") == .int(12))
        #expect(document.frontmatter.value(forKey: "title") == .string("Sign-in: the brief"))
        #expect(document.frontmatter.value(forKey: "superseded_by") == nil)
        #expect(!document.frontmatter.hasValue(forKey: "verdict"))
    }
}
