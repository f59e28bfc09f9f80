import BNCore

extension ModuleFactory {
    /// Layers beyond the BatchNorm MLP's: convolution, pooling, other normalizations, dropout.
    func makeMore(_ type: String, _ a: inout Arguments) throws -> Module {
        throw FactoryError(type: type, message: "not a module bnlab implements")
    }
}
