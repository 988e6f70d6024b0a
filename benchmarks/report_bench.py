"""Benchmark of the monthly evaluation report (issue #7): ``python -m benchmarks.report_bench``.

For each size (units): generate a Pemda (:func:`benchmarks.generate.generate_pemda`), then time
``--repeat`` runs (median and max, ``time.perf_counter``; SQL queries per run) of

(a) ``report_data.monthly_data`` — gathering the figures;
(b) ``report_documents.monthly_pdf`` — the Pemda's PDF;
(c) ``report_documents.unit_pdfs`` — every unit's one-page PDF;
(d) ``report_services.report_execute`` — the whole job: claim, gather, both renders, store the files;

beside the **baseline**: WeasyPrint rendering a plain HTML table with as many rows as the report's
unit table plus its red list, on the same A4 page and font. Ratios against that baseline are what
compare across machines. Target (issue #7): (a)+(b) for 60 units ≤ 10 s, cost linear in the units.
See ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import html
import time

from benchmarks import common

LINEAR_TOLERANCE = 0.35  # per-unit cost at the largest size within ±35 % of that at the smallest
TARGET_SECONDS = 10.0
TARGET_UNITS = 60

BASELINE_CSS = """
@page { size: A4; margin: 20mm 18mm 20mm 22mm; }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9.5pt; line-height: 1.4; }
table { width: 100%; border-collapse: collapse; font-size: 8pt; }
th, td { border: 0.5pt solid #c3ccd6; padding: 1mm 1.5mm; text-align: left; }
thead { display: table-header-group; }
"""


def baseline_html(rows: int) -> str:
    """A plain table of ``rows`` rows × 7 columns (the shape of the report's unit table)."""
    head = "".join(f"<th>{h}</th>" for h in ("No", "Unit", "Capaian", "Kategori", "Status", "Merah", "Peringkat"))
    body = "".join(
        f"<tr><td>{i}</td><td>{html.escape(f'Dinas Percontohan Bidang Pelayanan Nomor {i}')}</td>"
        f"<td>{80 + i % 20},{i % 100:02d}%</td><td>Tinggi</td><td>Diterima</td><td>{i % 4}</td><td>{i}</td></tr>"
        for i in range(1, rows + 1)
    )
    return (
        f"<!doctype html><html lang='id'><head><meta charset='utf-8'><style>{BASELINE_CSS}</style></head><body>"
        f"<h1>Tabel dasar</h1><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></body></html>"
    )


def render_baseline(rows: int) -> bytes:
    from weasyprint import HTML

    return HTML(string=baseline_html(rows)).write_pdf()


def _new_report(pemda, year: int, month: int):
    from django.db.models import Max

    from evaluations.report_models import Report

    top = Report.objects.filter(pemda=pemda, year=year, month=month).aggregate(v=Max("version"))["v"] or 0
    return Report.objects.create(pemda=pemda, year=year, month=month, version=top + 1, trigger=Report.Trigger.MANUAL)


def bench_size(units: int, repeat: int, seed: int, profile_dir: str | None = None) -> dict:
    from benchmarks.generate import generate_pemda
    from evaluations import report_data, report_documents, report_services
    from evaluations.report_models import Report

    start = time.perf_counter()
    gen = generate_pemda(f"Kabupaten Bench {units}", units=units, seed=seed)
    generated_s = time.perf_counter() - start
    pemda, year, month = gen.pemda, gen.year, gen.month

    data_t, data = common.measure("a_monthly_data", lambda: report_data.monthly_data(pemda, year, month), repeat)
    report = _new_report(pemda, year, month)
    pdf_t, main = common.measure("b_monthly_pdf", lambda: report_documents.monthly_pdf(report, data), repeat)
    units_t, pages = common.measure("c_unit_pdfs", lambda: list(report_documents.unit_pdfs(report, data)), repeat)
    job_t, done = common.measure(
        "d_report_execute", report_services.report_execute, repeat, setup=lambda: _new_report(pemda, year, month).pk
    )
    if done is None or done.status != Report.Status.DONE:
        raise RuntimeError(f"report_execute did not finish: {done and done.status} {done and done.error}")
    rows = len(data.units) + len(data.red_list)
    base_t, _pdf = common.measure("baseline_table", lambda: render_baseline(rows), repeat)
    if profile_dir:
        _profile(profile_dir, units, lambda: report_data.monthly_data(pemda, year, month), "monthly_data")
        _profile(profile_dir, units, lambda: list(report_documents.unit_pdfs(report, data)), "unit_pdfs")
    pemda_report = [a + b for a, b in zip(data_t.runs, pdf_t.runs, strict=True)]
    pemda_cpu = [a + b for a, b in zip(data_t.cpu, pdf_t.cpu, strict=True)]
    return {
        "units": units,
        "generate_s": round(generated_s, 3),
        "counts": gen.counts,
        "report": {"year": year, "month": month, "pages": main.pages, "unit_files": len(pages),
                   "unit_pages": sum(p.pages for _u, p in pages), "red_rows": len(data.red_list),
                   "units_in_table": len(data.units), "job_pages": done.pages, "job_unit_files": done.unit_count},
        "baseline_rows": rows,
        "timings": {t.name: t.to_json() for t in (data_t, pdf_t, units_t, job_t, base_t)},
        "pemda_report_s": {"median": round(_median(pemda_report), 4), "max": round(max(pemda_report), 4),
                           "cpu_median": round(_median(pemda_cpu), 4)},
    }  # fmt: skip


def _median(values: list[float]) -> float:
    import statistics

    return statistics.median(values)


def _profile(directory: str, units: int, func, name: str) -> None:
    import cProfile
    import pstats
    from pathlib import Path

    Path(directory).mkdir(parents=True, exist_ok=True)
    profiler = cProfile.Profile()
    profiler.runcall(func)
    path = Path(directory) / f"{name}-{units}.prof"
    profiler.dump_stats(path)
    with open(path.with_suffix(".txt"), "w") as out:
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(40)


# --- analysis and output ---------------------------------------------------------------------

STEPS = (
    ("a_monthly_data", "(a) monthly_data"),
    ("b_monthly_pdf", "(b) monthly_pdf"),
    ("c_unit_pdfs", "(c) unit_pdfs (all units)"),
    ("d_report_execute", "(d) report_execute (whole job)"),
    ("baseline_table", "baseline: plain WeasyPrint table"),
)


def _verdict(change: float) -> str:
    if abs(change) <= LINEAR_TOLERANCE:
        return "linear"
    return "superlinear" if change > 0 else "sublinear"


def linearity(sizes: list[dict]) -> dict:
    """Per step: time per unit at the smallest and largest size, t(largest)/t(smallest) and the
    verdict, on the wall clock and on the CPU time."""
    small, large = sizes[0], sizes[-1]
    factor = large["units"] / small["units"]
    out = {"from_units": small["units"], "to_units": large["units"], "ideal_ratio": round(factor, 2), "steps": {}}

    def one(name: str, wall: tuple[float, float], cpu: tuple[float, float]) -> None:
        entry = {}
        for prefix, (t_small, t_large) in (("", wall), ("cpu_", cpu)):
            per_small, per_large = t_small / small["units"], t_large / large["units"]
            change = per_large / per_small - 1 if per_small else 0.0
            entry |= {f"{prefix}ratio": round(t_large / t_small, 2) if t_small else None,
                      f"{prefix}per_unit_ms_small": round(per_small * 1000, 2),
                      f"{prefix}per_unit_ms_large": round(per_large * 1000, 2),
                      f"{prefix}per_unit_change": round(change, 3), f"{prefix}verdict": _verdict(change)}  # fmt: skip
        out["steps"][name] = entry

    ps, pl = small["pemda_report_s"], large["pemda_report_s"]
    one("pemda_report", (ps["median"], pl["median"]), (ps["cpu_median"], pl["cpu_median"]))
    for key, _label in STEPS[:4]:
        s, t = small["timings"][key], large["timings"][key]
        one(key, (s["median_s"], t["median_s"]), (s["cpu_median_s"], t["cpu_median_s"]))
    return out


def target_check(sizes: list[dict]) -> dict:
    at = next((s for s in sizes if s["units"] == TARGET_UNITS), sizes[-1])
    seconds = at["pemda_report_s"]["median"]
    return {"units": at["units"], "pemda_report_median_s": seconds, "limit_s": TARGET_SECONDS,
            "result": "PASS" if seconds <= TARGET_SECONDS else "FAIL",
            "pemda_report_cpu_s": at["pemda_report_s"]["cpu_median"],
            "whole_job_median_s": at["timings"]["d_report_execute"]["median_s"],
            "whole_job_cpu_s": at["timings"]["d_report_execute"]["cpu_median_s"],
            "exact_size": at["units"] == TARGET_UNITS}  # fmt: skip


def _size_table(size: dict) -> str:
    base = size["timings"]["baseline_table"]
    rows = []
    for key, label in STEPS:
        t = size["timings"][key]
        rows.append([label, round(t["median_s"], 3), round(t["max_s"], 3), round(t["cpu_median_s"], 3), t["queries"],
                     round(t["median_s"] / size["units"] * 1000, 1), round(t["median_s"] / base["median_s"], 1),
                     round(t["cpu_median_s"] / base["cpu_median_s"], 1)])  # fmt: skip
    pr = size["pemda_report_s"]
    rows.insert(2, ["(a)+(b) Pemda report", round(pr["median"], 3), round(pr["max"], 3), round(pr["cpu_median"], 3),
                    "", round(pr["median"] / size["units"] * 1000, 1), round(pr["median"] / base["median_s"], 1),
                    round(pr["cpu_median"] / base["cpu_median_s"], 1)])  # fmt: skip
    headers = ["step", "median s", "max s", "CPU s", "queries", "ms per unit", "× baseline", "× baseline CPU"]
    return common.table(headers, rows)


def _busy_note(m: dict) -> list[str]:
    load = (m.get("load_average") or [0])[0]
    if load <= (m.get("cores_usable") or 1):
        return []
    note = (
        f"> The machine was busy (load {load} on {m['cores_usable']} cores): wall-clock figures are inflated "
        "by other processes; the CPU columns (this process only) and the ratios are the ones to compare."
    )
    return [note, ""]


def markdown(result: dict) -> str:
    m, target, lin = result["machine"], result["target"], result["linearity"]
    lines = [
        f"# Monthly report benchmark — {result['started_at']}",
        "",
        f"Command: `{result['command']}` · seed {result['seed']} · {result['repeat']} runs per step (median / max)",
        "",
        f"Machine: {m['cpu']} · {m['cores_usable']}/{m['cores']} cores · {m['ram_gb']} GB RAM · {m['os']} · "
        f"Python {m['python']} · Django {m['django']} · WeasyPrint {m['weasyprint']} · "
        f"{m['database']} {m['database_version']} · load {m['load_average']}",
        "",
        *_busy_note(m),
        f"**Target (issue #7): Pemda report (a)+(b) for {target['units']} units ≤ {target['limit_s']:.0f} s: "
        f"{target['result']}** ({target['pemda_report_median_s']:.2f} s median wall clock, "
        f"{target['pemda_report_cpu_s']:.2f} s CPU; the whole job with {target['units']} unit pages "
        f"{target['whole_job_median_s']:.2f} s, {target['whole_job_cpu_s']:.2f} s CPU)"
        + ("" if target["exact_size"] else f" — measured at {target['units']} units, not {TARGET_UNITS}"),
        "",
    ]
    for size in result["sizes"]:
        r = size["report"]
        lines += [
            f"## {size['units']} units",
            "",
            f"Generated in {size['generate_s']:.2f} s: {', '.join(f'{k} {v}' for k, v in size['counts'].items())}. "
            f"Report {r['month']:02d}/{r['year']}: {r['pages']} pages, {r['units_in_table']} units, "
            f"{r['red_rows']} red rows; {r['unit_files']} unit files ({r['unit_pages']} pages). "
            f"Baseline: {size['baseline_rows']} rows.",
            "",
            _size_table(size),
            "",
        ]
    rows = [
        [k, s["ratio"], s["per_unit_ms_small"], s["per_unit_ms_large"], f"{s['per_unit_change']:+.0%}", s["verdict"],
         s["cpu_ratio"], f"{s['cpu_per_unit_change']:+.0%}", s["cpu_verdict"]]
        for k, s in lin["steps"].items()
    ]  # fmt: skip
    lines += [
        f"## Linearity ({lin['from_units']} → {lin['to_units']} units, ideal ratio {lin['ideal_ratio']})",
        "",
        f"Linear: per-unit cost at {lin['to_units']} within ±{LINEAR_TOLERANCE:.0%} of that at {lin['from_units']} "
        "(sublinear: fixed costs dominate the small size; superlinear: the cost grows faster than the units).",
        "",
        common.table(
            [
                "step",
                "t ratio",
                "ms/unit small",
                "ms/unit large",
                "per-unit change",
                "verdict",
                "CPU ratio",
                "CPU per-unit change",
                "CPU verdict",
            ],
            rows,
        ),  # fmt: skip
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.report_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--units", default="15,30,60", help="comma-separated sizes (default 15,30,60)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per step (default 3)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", default="benchmarks/results", help="directory of the .json and .md results")
    parser.add_argument("--profile", metavar="DIR", help="also write cProfile stats of (a) and (c) per size to DIR")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir / bench database")
    args = parser.parse_args(argv)
    sizes = sorted({int(s) for s in args.units.split(",") if s.strip()})
    if not sizes or min(sizes) < 1 or args.repeat < 1:
        parser.error("--units needs positive sizes and --repeat at least 1")

    env = common.setup()
    started = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    try:
        _warm_up(args.seed)
        results = []
        for units in sizes:
            print(f"… {units} units", flush=True)
            results.append(bench_size(units, args.repeat, args.seed, args.profile))
        result = {
            "benchmark": "monthly_report",
            "started_at": started,
            "command": f"python -m benchmarks.report_bench --units {','.join(map(str, sizes))} --repeat {args.repeat}",
            "seed": args.seed,
            "repeat": args.repeat,
            "machine": common.machine() | {"database_name": env.database_name},
            "sizes": results,
            "linearity": linearity(results) if len(results) > 1 else None,
            "target": target_check(results),
        }
        if result["linearity"] is None:
            result["linearity"] = {"from_units": sizes[0], "to_units": sizes[0], "ideal_ratio": 1.0, "steps": {}}
        text = markdown(result)
        json_path, md_path = common.write_results(args.out, "report", result, text)
    finally:
        common.teardown(env, keep=args.keep)
    print(text)
    print(f"\nWritten: {json_path} and {md_path}")
    return 0


def _warm_up(seed: int) -> None:
    """One untimed pass over a tiny Pemda: templates compiled, fonts loaded, imports done."""
    from benchmarks.generate import generate_pemda
    from evaluations import report_data, report_documents

    gen = generate_pemda("Kabupaten Pemanasan", units=3, seed=seed)
    data = report_data.monthly_data(gen.pemda, gen.year, gen.month)
    report = _new_report(gen.pemda, gen.year, gen.month)
    report_documents.monthly_pdf(report, data)
    list(report_documents.unit_pdfs(report, data))
    render_baseline(10)


if __name__ == "__main__":
    raise SystemExit(main())
