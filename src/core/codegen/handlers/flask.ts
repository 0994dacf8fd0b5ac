import type { PythonFrameworkTemplate } from './python/pythonFramework';
import { pyString } from './python/pythonSyntax';
import { code } from './sourceText';

export const flaskTemplate: PythonFrameworkTemplate = {
  displayName: 'Flask',
  packages: ['flask'],
  imports: ['from flask import Blueprint, Flask, Response, request'],
  stdlib: ['json', 'queue', 'threading'],
  usage: (module) => `Run it with \`\`flask --app ${module} run\`\`, or register \`\`webhook_blueprint\`\` in your own app.`,
  afterAnswer: "A worker thread runs the functions one after another, each once its delivery's answer has been sent.",
  adapter: ({ answersText, blueprintName }) => code`
    webhook_blueprint = Blueprint(${pyString(blueprintName)}, __name__)


    @webhook_blueprint.post(ROUTE_PATH)
    def receive_webhook() -> Response:
        """The webhook route. The signature covers the exact bytes, so the body is read raw."""
        reception = receive_delivery(
            Delivery(
                method=request.method,
                url=request_url(),
                raw_body=request.get_data(cache=False),
                header=request.headers.get,
            )
        )
        response = flask_response(reception)
        work = reception.work
        if work is not None:
            # Queued once the response has been sent, not before.
            response.call_on_close(lambda: work_queue.put(work))
        return response


    def request_url() -> str:
        """Path and query as the client sent them (the server's raw URI, where it keeps one)."""
        raw = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI")
        return raw if isinstance(raw, str) else request.full_path.rstrip("?")


    def flask_response(reception: Reception) -> Response:
        """The Reception as a Flask response."""${answersText ? `
        if reception.text is not None:
            return Response(reception.text, status=reception.status, content_type=reception.content_type)` : ''}
        if reception.body is None:
            return Response(status=reception.status)
        return Response(json.dumps(reception.body), status=reception.status, content_type="application/json")


    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.register_blueprint(webhook_blueprint)

    work_queue: queue.Queue[Callable[[], None]] = queue.Queue()


    def run_work() -> None:
        """Runs the deliveries' functions one after another. A failure is only logged: the sender
        already has its 2xx, so queue the delivery somewhere durable if it must not be lost."""
        while True:
            work = work_queue.get()
            try:
                work()
            except Exception:
                logger.exception("Webhook handler failed")
            finally:
                work_queue.task_done()


    threading.Thread(target=run_work, name="webhook-worker", daemon=True).start()`,
};
