// The load benchmark's baseline: the least a server can do for one citizen response on
// this stack. Express parses the JSON, one trivial rule checks it, and the response row
// and its answer rows go into the same SQLite tables in one transaction, with the same
// journal and sync settings as the project's server. No validation, sessions or limits.
import express from "express";
import Database from "better-sqlite3";

const file = process.env.BARE_DB;
if (!file) throw new Error("BARE_DB is not set");
const db = new Database(file);
db.pragma(`journal_mode = ${process.env.SQLITE_JOURNAL_MODE ?? "delete"}`);
db.pragma(`synchronous = ${process.env.SQLITE_SYNCHRONOUS ?? "full"}`);

const channel = db.prepare("SELECT id AS channelId, officeId, versionId FROM Channel WHERE code = ?").get("demo") as {
  channelId: number;
  officeId: number;
  versionId: number;
};

const insertResponse = db.prepare(
  `INSERT INTO Response (channelId, versionId, officeId, answers, submittedAt, month) VALUES (?, ?, ?, ?, ?, ?)`,
);
const insertAnswer = db.prepare(
  `INSERT INTO Answer (responseId, officeId, month, questionName, dimension, value) VALUES (?, ?, ?, ?, ?, ?)`,
);
const store = db.transaction((answers: Record<string, unknown>) => {
  const now = new Date();
  const month = now.toISOString().slice(0, 7);
  const { lastInsertRowid } = insertResponse.run(
    channel.channelId,
    channel.versionId,
    channel.officeId,
    JSON.stringify(answers),
    now.toISOString(),
    month,
  );
  for (const [name, value] of Object.entries(answers)) {
    if (typeof value === "number") insertAnswer.run(lastInsertRowid, channel.officeId, month, name, name, value);
  }
  return Number(lastInsertRowid);
});

const app = express();
app.use(express.json({ limit: "64kb" }));
app.post("/api/v1/channels/:code/responses", (req, res) => {
  const answers = (req.body as { answers?: Record<string, unknown> } | undefined)?.answers;
  if (!answers || typeof answers !== "object" || typeof answers.overall !== "number") return res.status(400).json({ error: "bad" });
  res.status(201).json({ id: store(answers), duplicate: false });
});
app.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("bare baseline listening on", process.env.PORT));
