"""The recognition commands of the CLI: ``explain``, ``train`` and ``evaluate``."""
from __future__ import annotations

from pathlib import Path

EXIT_OK, EXIT_ERROR = 0, 2


def _model_arg(value: str | None):
    from govkg.extract.mentions.classifier import load_model
    from govkg.extract.mentions.runner import SHIPPED

    if value is None:
        return SHIPPED
    if value == "none":
        return None
    return load_model(value)


def cmd_explain(args, out, err) -> int:
    """Show why each name of a sentence was or was not found: every candidate, the recognizer
    that proposed it, the checks it passed and failed, its score and the final decision."""
    from govkg.extract.mentions.explain import explain_document, explain_text
    from govkg.extract.mentions.registry import all_ids
    from govkg.extract.reader import read_file

    unknown = sorted(set(args.disable or ()) - set(all_ids()))
    if unknown:
        print(f"govkg: error: no recognizer {', '.join(unknown)}; known: {', '.join(all_ids())}", file=err)
        return EXIT_ERROR
    model = _model_arg(args.model)
    disabled = frozenset(args.disable or ())
    source = args.text
    if args.line is not None or _is_file(source):
        doc = read_file(source)
        text = explain_document(doc, args.line, model, disabled, args.weights)
    else:
        text = explain_text(source, model, disabled, args.weights)
    print(text, file=out)
    return EXIT_OK


def _is_file(source: str) -> bool:
    """Is the argument a file?  A sentence too long to be a file name is a sentence."""
    try:
        return Path(source).is_file()
    except OSError:
        return False


def cmd_train(args, out, err) -> int:
    """Train the recognizer model on annotated reports (gold JSON Lines and their texts)."""
    from govkg.extract.mentions import train as T

    gold = T.gold_files(Path(args.gold)) if Path(args.gold).is_dir() else [Path(args.gold)]
    texts = [Path(t) for t in args.texts]
    if args.leave_one_out:
        from .training import leave_one_out
        from .evaluate import PRF

        total = PRF()

        def show(doc, ev):
            r = ev.reports[doc].entities["all"]
            total.add(r)
            print(f"  {doc:28s} P {r.p:.3f}  R {r.r:.3f}  F1 {r.f:.3f}", file=out)

        print("leave-one-report-out (each report scored by a model trained on the others):", file=out)
        leave_one_out(gold, texts, args.c, progress=show)
        print(f"  {'all':28s} P {total.p:.3f}  R {total.r:.3f}  F1 {total.f:.3f}", file=out)
        return EXIT_OK
    model = T.train(gold, texts, args.c)
    path = Path(args.output) if args.output else T.shipped_model_path()
    T.write_model(model, path)
    meta = model.meta
    print(f"trained on {len(meta.get('reports', []))} report(s), {meta.get('examples')} candidates "
          f"({', '.join(f'{k} {v}' for k, v in meta.get('labels', {}).items())}); wrote {path}", file=out)
    return EXIT_OK


def cmd_evaluate(args, out, err) -> int:
    """Score a built graph against gold annotations: P/R/F1 per class and per report, with the errors."""
    import json

    from .evaluate import evaluate, format_evaluation, load_gold
    from .sparql import open_engine

    gold_paths = []
    for g in args.gold:
        p = Path(g)
        gold_paths += sorted(p.glob("*.jsonl")) if p.is_dir() else [p]
    gold = load_gold(gold_paths)
    ev = evaluate(open_engine(args.graph), gold)
    if args.json:
        print(json.dumps(ev.as_json(), ensure_ascii=False, indent=1), file=out)
    else:
        print(format_evaluation(ev, args.errors), file=out)
    return EXIT_OK


def add_recognition_commands(sub) -> None:
    x = sub.add_parser("explain", help="show why names were or were not found in a sentence", description=cmd_explain.__doc__)
    x.add_argument("text", metavar="TEXT|FILE", help="a sentence (or several), or a report file")
    x.add_argument("--line", type=int, metavar="N", help="with a FILE: explain only the sentences on line N")
    x.add_argument("--disable", action="append", metavar="ID", help="turn a recognizer off (repeatable)")
    x.add_argument("--model", metavar="FILE", help="a model made by govkg train ('none': the recognizers' priors)")
    x.add_argument("--weights", type=int, default=5, metavar="N",
                   help="show the N features that weighed most in each decision (default: 5; 0: none)")
    x.set_defaults(func=cmd_explain)

    t = sub.add_parser("train", help="train the recognizer model on annotated reports", description=cmd_train.__doc__)
    t.add_argument("--gold", required=True, metavar="DIR|FILE", help="gold JSON Lines files (a folder or one file)")
    t.add_argument("--texts", required=True, action="append", metavar="DIR",
                   help="a folder with the annotated reports' texts, named by their doc ids (repeatable)")
    t.add_argument("-o", "--output", metavar="FILE", help="where to write the model (default: the one govkg ships)")
    t.add_argument("--leave-one-out", action="store_true",
                   help="do not write a model: score each report with a model trained on the others")
    t.add_argument("-C", dest="c", type=float, default=None, metavar="C", help="inverse regularization strength")
    t.set_defaults(func=cmd_train)

    v = sub.add_parser("evaluate", help="score a built graph against gold annotations", description=cmd_evaluate.__doc__)
    v.add_argument("graph", metavar="GRAPH", help="a build folder or an RDF file")
    v.add_argument("gold", nargs="+", metavar="GOLD", help="gold JSON Lines files or folders")
    v.add_argument("--errors", type=int, default=0, metavar="N", help="list up to N missed and spurious entities per report")
    v.add_argument("--json", action="store_true", help="the scores as JSON")
    v.set_defaults(func=cmd_evaluate)
