/// One schema violation inside a case: the field (`steps[0].input.shape`) and what is wrong.
struct GoldenSchemaError: Error {
    var field: String
    var problem: String
}
