const error = {
  type: "object",
  properties: {
    error: { type: "string", description: "zh-TW message" },
    errors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
  },
};
const errorRef = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});
const codeParam = { name: "code", in: "path", required: true, schema: { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" } };

/** The public open-data file of an authority and year in one format; no token needed. */
function openDataPath<F extends string>(format: F, contentType: string, description: string) {
  const path = `/open-data/{authorityId}/{year}.${format}` as const;
  return {
    [path]: {
      get: {
        summary: `Open data of an authority for a calendar year (${format.toUpperCase()}, public)`,
        description: `Monthly respondents and top-two-box share per office × questionnaire × dimension, de-identified. ${description}.`,
        parameters: [
          { name: "authorityId", in: "path", required: true, schema: { type: "integer", minimum: 1 } },
          { name: "year", in: "path", required: true, schema: { type: "integer", minimum: 2000, maximum: 2100 } },
        ],
        responses: {
          "200": { description: "The file", content: { [contentType]: { schema: { type: "string", format: "binary" } } } },
          "400": errorRef("Bad year or format"),
          "404": errorRef("Unknown authority"),
          "429": errorRef("Too many requests"),
        },
      },
    },
  } as Record<`/open-data/{authorityId}/{year}.${F}`, object>;
}

/** The OpenAPI 3.1 description of HTTP API v1, served at /api/v1/openapi.json. */
export const openApiDocument = {
  openapi: "3.1.0",
  info: { title: "Service Quality Platform API", version: "1.0.0", description: "服務品質平台 API：問卷施測管道、填答與匯出。" },
  servers: [{ url: "/" }],
  components: {
    securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "Token from `npm run token -- --email USER`." } },
    schemas: {
      Error: error,
      Office: {
        type: "object",
        properties: {
          id: { type: "integer" },
          name: { type: "string" },
          kind: { type: "string" },
          city: { type: "string" },
          district: { type: "string" },
        },
      },
    },
  },
  paths: {
    "/api/v1/channels/{code}": {
      get: {
        summary: "A channel's questionnaire (SurveyJS JSON) and its office",
        parameters: [codeParam],
        responses: {
          "200": {
            description: "The channel",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["office", "version", "survey"],
                  properties: {
                    code: { type: "string" },
                    office: { $ref: "#/components/schemas/Office" },
                    version: { type: "integer" },
                    survey: { type: "object", description: "SurveyJS definition" },
                  },
                },
              },
            },
          },
          "404": errorRef("Unknown channel"),
          "410": errorRef("Channel closed or not yet open"),
        },
      },
    },
    "/api/v1/channels/{code}/responses": {
      post: {
        summary: "Submit one response",
        parameters: [codeParam],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["answers"],
                properties: {
                  answers: { type: "object", description: "SurveyJS data keyed by question name" },
                  clientId: {
                    type: "string",
                    minLength: 8,
                    maxLength: 100,
                    description: "Stable device id; repeat answers within a day are flagged",
                  },
                },
              },
            },
          },
        },
        responses: {
          "201": {
            description: "Stored",
            content: {
              "application/json": { schema: { type: "object", properties: { id: { type: "integer" }, duplicate: { type: "boolean" } } } },
            },
          },
          "400": errorRef("Invalid answers; `errors` lists messages per question"),
          "404": errorRef("Unknown channel"),
          "410": errorRef("Channel closed"),
          "413": errorRef("Body larger than 64 KB"),
          "429": errorRef("Too many submissions from this client"),
        },
      },
    },
    "/api/v1/responses.csv": {
      get: {
        summary: "Responses as CSV (UTF-8 with BOM), one column per question",
        security: [{ bearer: [] }],
        parameters: [
          {
            name: "office",
            in: "query",
            required: false,
            schema: { type: "integer" },
            description: "Office id; all offices in the token's scope if omitted",
          },
          { name: "from", in: "query", required: true, schema: { type: "string", format: "date" } },
          { name: "to", in: "query", required: true, schema: { type: "string", format: "date" } },
        ],
        responses: {
          "200": { description: "CSV", content: { "text/csv": { schema: { type: "string" } } } },
          "400": errorRef("Bad dates"),
          "401": errorRef("Missing or invalid token"),
          "403": errorRef("Role or scope does not allow it"),
          "404": errorRef("Unknown office"),
          "429": errorRef("Too many requests"),
        },
      },
    },
    "/api/v1/reports/annual": {
      get: {
        summary: "The annual trend report of an authority or one office (analyst of that authority, or admin)",
        description:
          "Give exactly one of `authority` and `office`. The file name carries the ROC year (annual-report-115-authority-1.csv). " +
          "The CSV (UTF-8 with BOM) has one row per office × dimension with the header " +
          "office_id,office_name,office_kind,year,dimension,n,top2_share,ci95_low,ci95_high,margin95,mean100,prev_n,prev_top2_share," +
          "yoy_diff,yoy_p,yoy_p_holm,peer_top2_share,funnel_flag,mk_tau,mk_p.",
        security: [{ bearer: [] }],
        parameters: [
          { name: "authority", in: "query", required: false, schema: { type: "integer", minimum: 1 } },
          { name: "office", in: "query", required: false, schema: { type: "integer", minimum: 1 } },
          { name: "year", in: "query", required: true, schema: { type: "integer", minimum: 2000, maximum: 2100 } },
          { name: "format", in: "query", required: true, schema: { type: "string", enum: ["pdf", "ods", "xlsx", "csv"] } },
        ],
        responses: {
          "200": {
            description: "The report file",
            content: {
              "application/pdf": { schema: { type: "string", format: "binary" } },
              "application/vnd.oasis.opendocument.spreadsheet": { schema: { type: "string", format: "binary" } },
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: { type: "string", format: "binary" } },
              "text/csv": { schema: { type: "string" } },
            },
          },
          "400": errorRef("Bad or missing parameter"),
          "401": errorRef("Missing or invalid token"),
          "403": errorRef("Role or authority does not allow it"),
          "404": errorRef("Unknown authority or office"),
          "429": errorRef("Too many requests"),
        },
      },
    },
    ...openDataPath(
      "csv",
      "text/csv",
      "UTF-8 with BOM, header office_id,office_name,office_kind,questionnaire,month,dimension,n,top2_share",
    ),
    ...openDataPath(
      "ods",
      "application/vnd.oasis.opendocument.spreadsheet",
      "Three sheets: the monthly table as in the CSV; the breakdown by demographic answers (cells under 5 respondents suppressed); the data dictionary",
    ),
  },
} as const;
