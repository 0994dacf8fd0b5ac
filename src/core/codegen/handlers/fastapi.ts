import type { PythonFrameworkTemplate } from './python/pythonFramework';
import { code } from './sourceText';

export const fastapiTemplate: PythonFrameworkTemplate = {
  displayName: 'FastAPI',
  packages: ['fastapi', 'uvicorn'],
  imports: ['from fastapi import APIRouter, BackgroundTasks, FastAPI, Request, Response'],
  stdlib: ['json'],
  usage: (module) => `Run it with \`\`uvicorn ${module}:app\`\`, or \`\`app.include_router(router)\`\` in your own app.`,
  afterAnswer: "FastAPI's BackgroundTasks run each function once its delivery's answer has been sent.",
  adapter: ({ answersText }) => code`
    router = APIRouter()


    @router.post(ROUTE_PATH)
    async def receive_webhook(request: Request, background_tasks: BackgroundTasks) -> Response:
        """The webhook route. The signature covers the exact bytes, so the body is read raw."""
        raw_body = await read_body(request)
        if raw_body is None:
            return Response(status_code=413)
        reception = receive_delivery(
            Delivery(
                method=request.method,
                url=request_url(request),
                raw_body=raw_body,
                header=request.headers.get,
            )
        )
        if reception.work is not None:
            background_tasks.add_task(run_logged, reception.work)
        return fastapi_response(reception)


    async def read_body(request: Request) -> bytes | None:
        """The body as sent, or None past MAX_BODY_BYTES."""
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                return None
            chunks.append(chunk)
        return b"".join(chunks)


    def request_url(request: Request) -> str:
        """Path and query as the client sent them."""
        raw_path = request.scope.get("raw_path")
        path = raw_path.decode("latin-1") if isinstance(raw_path, bytes) else request.url.path
        query = request.scope.get("query_string")
        return path + ("?" + query.decode("latin-1") if isinstance(query, bytes) and query else "")


    def fastapi_response(reception: Reception) -> Response:
        """The Reception as a Starlette response."""${answersText ? `
        if reception.text is not None:
            return Response(reception.text, status_code=reception.status, media_type=reception.content_type)` : ''}
        if reception.body is None:
            return Response(status_code=reception.status)
        return Response(json.dumps(reception.body), status_code=reception.status, media_type="application/json")


    def run_logged(work: Callable[[], None]) -> None:
        """Runs a delivery's function after the answer (in FastAPI's thread pool). A failure is only
        logged: the sender already has its 2xx, so queue the delivery somewhere durable if it must not
        be lost."""
        try:
            work()
        except Exception:
            logger.exception("Webhook handler failed")


    app = FastAPI()
    app.include_router(router)`,
};
