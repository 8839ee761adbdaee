import Chorus
import Testing

extension BatchInputTests {
    @Suite("a folder of files as input")
    struct FolderItemsTests {
        @Test("one item per file, sorted by path in byte order, the path as id, text/path/name as fields")
        func itemsFromFiles() {
            let items = FolderItems.items([
                (relativePath: "notes/b.txt", contents: Array("bee".utf8)),
                (relativePath: "Zeta.md", contents: Array("zeta".utf8)),
                (relativePath: "notes/a.txt", contents: Array("\u{FEFF}ay\r\n".utf8)),
                (relativePath: "a.txt", contents: []),
                (relativePath: "é.txt", contents: Array("accent".utf8)),
            ])
            // Byte order: uppercase before lowercase, non-ASCII last, "a.txt" before "notes/…".
            #expect(items.map(\.id) == ["Zeta.md", "a.txt", "notes/a.txt", "notes/b.txt", "é.txt"])
            #expect(items.allSatisfy { $0.idSource == .path && $0.problem == nil && $0.line == nil })
            #expect(items[2].fields == ["text": "ay\r\n", "path": "notes/a.txt", "name": "a.txt"])
            #expect(items[1].fields["text"] == "")
            #expect(items[2].location == "file notes/a.txt")
        }

        @Test("a file that is not UTF-8 is a problem item naming the file and the fix")
        func notUTF8() {
            let items = FolderItems.items([
                (relativePath: "x/y.bin", contents: [0x89, 0x50, 0x4E, 0x47, 0xFF, 0xFE]),
                (relativePath: "x/ok.txt", contents: Array("fine".utf8)),
            ])
            #expect(items.map(\.id) == ["x/ok.txt", "x/y.bin"])
            #expect(items[0].problem == nil)
            #expect(items[1].problem == "file x/y.bin: not UTF-8 text; remove it from the folder or convert it to UTF-8")
            #expect(items[1].fields["text"] == nil)
        }
    }
}
