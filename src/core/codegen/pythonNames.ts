// Names a generated Python module must not give its payload types: the capitalised builtins
// (exceptions, constants) and every name a generated handler file imports or defines itself.
const BUILTINS = `
ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError
BrokenPipeError BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError
ConnectionRefusedError ConnectionResetError DeprecationWarning EOFError Ellipsis EncodingWarning
EnvironmentError Exception ExceptionGroup False FileExistsError FileNotFoundError FloatingPointError
FutureWarning GeneratorExit IOError ImportError ImportWarning IndentationError IndexError
InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError
ModuleNotFoundError NameError None NotADirectoryError NotImplemented NotImplementedError OSError
OverflowError PendingDeprecationWarning PermissionError ProcessLookupError RecursionError
ReferenceError ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration StopIteration
SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError True TypeError
UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError
UnicodeWarning UserWarning ValueError Warning ZeroDivisionError`;

const GENERATED_FILE = `
Any Callable Literal Mapping NotRequired TypeAlias TypedDict
Blueprint Flask Request Response APIRouter BackgroundTasks FastAPI
Thread Queue Lock Delivery Reception DeliveryClaim DeliveryLedger Payload
InvalidSignature Ed25519PublicKey`;

export const PYTHON_RESERVED_NAMES: ReadonlySet<string> = new Set(`${BUILTINS} ${GENERATED_FILE}`.trim().split(/\s+/));
