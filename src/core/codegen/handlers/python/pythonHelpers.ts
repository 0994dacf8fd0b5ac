import { code } from '../sourceText';

/** A helper function of generated Python files: emitted when something calls it, with the modules it needs. */
export interface PythonHelperSource {
  name: string;
  imports: readonly string[];
  fromImports: readonly string[];
  source: string;
}

export const PYTHON_HELPERS: readonly PythonHelperSource[] = [
  {
    name: 'unix_time',
    imports: ['math', 're'],
    fromImports: [],
    source: code`
      def unix_time(text: str) -> float:
          """A header's Unix time as a number; NaN, which is never fresh, when it is not one."""
          return float(text) if re.fullmatch(r"[0-9]{1,16}", text) else math.nan`,
  },
  {
    name: 'is_fresh',
    imports: ['math', 'time'],
    fromImports: [],
    source: code`
      def is_fresh(timestamp_seconds: float) -> bool:
          """Whether a signed timestamp (Unix seconds) is within the tolerance of now, either way."""
          return math.isfinite(timestamp_seconds) and abs(time.time() - timestamp_seconds) <= TOLERANCE_SECONDS`,
  },
  {
    name: 'public_url',
    imports: ['os'],
    fromImports: [],
    source: code`
      def public_url(delivery: Delivery) -> str:
          """The URL the provider posted to, which it signs.

          Behind a proxy or tunnel this server sees another host, so the origin comes from the
          environment (e.g. https://example.ngrok.app).
          """
          return os.environ.get(PUBLIC_ORIGIN_ENV_VAR, "").rstrip("/") + delivery.url`,
  },
  {
    name: 'signed_header_params',
    imports: [],
    fromImports: [],
    source: code`
      def signed_header_params(header: str, separator: str) -> list[tuple[str, str]]:
          """The key=value items of a signature header such as \`\`t=…,v1=…\`\`, split on \`\`separator\`\`."""
          items: list[tuple[str, str]] = []
          for item in header.split(separator):
              key, _, value = item.partition("=")
              items.append((key.strip(), value.strip()))
          return items`,
  },
  {
    name: 'id_text',
    imports: ['json', 'math'],
    fromImports: [],
    source: code`
      def id_text(value: object) -> str | None:
          """An id field's text: a non-empty string as it is, a number as JSON writes it."""
          if isinstance(value, str):
              return value or None
          if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
              return None
          return str(value) if isinstance(value, int) else json.dumps(value)`,
  },
  {
    name: 'field_value',
    imports: [],
    fromImports: ['from typing import cast'],
    source: code`
      def field_value(payload: Payload, path: str) -> object:
          """The value at a dotted path of the payload (\`\`event.type\`\`), or None."""
          value: object = payload
          for key in path.split("."):
              value = member_of(value, key)
          return value


      def member_of(value: object, key: str) -> object:
          """A JSON object's member, or None for anything else."""
          return cast(dict[str, object], value).get(key) if isinstance(value, dict) else None`,
  },
  {
    name: 'string_field',
    imports: [],
    fromImports: [],
    source: code`
      def string_field(payload: Payload, path: str) -> str | None:
          """The non-empty string at a dotted path of the payload (\`\`event.type\`\`), if there is one."""
          value = field_value(payload, path)
          return value if isinstance(value, str) and value else None`,
  },
  {
    name: 'parse_json',
    imports: ['json'],
    fromImports: ['from typing import cast'],
    source: code`
      def parse_json(text: str | bytes) -> Payload | None:
          """A JSON object or array; None when the text is not one."""
          try:
              payload = json.loads(text)
          except ValueError:  # invalid JSON, or bytes that are not UTF-8
              return None
          if isinstance(payload, dict):
              return cast(dict[str, object], payload)
          if isinstance(payload, list):
              return cast(list[object], payload)
          return None`,
  },
];
