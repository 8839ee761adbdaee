import Foundation
import Testing

@testable import Chorus

struct JSONValueTests {
    @Test(arguments: [
        #"{"a":[1,2.5,true,null,"x"],"b":{"c":-3}}"#,
        #"[]"#,
        #""text""#,
        #"0"#,
    ])
    func roundTripsAsWritten(json: String) throws {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try encoder.encode(value), as: UTF8.self) == json)
    }

    @Test func readsMembersByType() throws {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"n":3,"s":"x","b":false,"l":[1]}"#.utf8))
        #expect(value["n"]?.numberValue == 3)
        #expect(value["s"]?.stringValue == "x")
        #expect(value["b"]?.boolValue == false)
        #expect(value["l"]?.arrayValue == [.number(1)])
        #expect(value["missing"] == nil)
        #expect(JSONValue.string("x")["n"] == nil)
    }
}
