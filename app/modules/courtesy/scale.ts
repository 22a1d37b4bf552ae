/**
 * Telephone-courtesy scoring scales (電話禮貌測試量表). A scale is versioned data: admins
 * edit it, an edit becomes a new version, and a scored call keeps the version it was
 * scored with, so nothing here may assume the default scale.
 */
import { t, type MessageKey } from "~/locales";
import { AppError } from "~/utils/errors";

export type ScaleItem = {
  key: string;
  label: string;
  maxPoints: number;
  /** The item may be marked "na" (e.g. no transfer happened); it then leaves the maximum. */
  allowNA?: boolean;
  /** Scoring this item 0 makes the whole call score 0. */
  autoFail?: boolean;
};

export type ScalePart = { key: string; label: string; items: ScaleItem[] };

export type ScaleBand = { min: number; label: string };

export type Scale = {
  key: string;
  version: number;
  /** A unit scoring below this writes an improvement report (改善報告). */
  improvementBelow: number;
  /** Highest first; the lowest must start at 0 so every total has a label. */
  bands: ScaleBand[];
  parts: ScalePart[];
};

/**
 * The national service-quality award's telephone scale as cities adapt it: switchboard
 * 45 = answering speed 25 + courtesy 20; unit 55 = answering speed 15 + courtesy 25 +
 * answer content 15. Labels start with the aspect (接聽速度/禮貌/答覆內容) because the
 * scale type has no aspect level and evaluators' forms group by it.
 *
 * `unitAnswered` is the one automatic-fail item: a unit that does not pick up at all
 * (無人接聽) gets 0 for the whole call, as cities record it, instead of keeping the
 * switchboard's points for a call that never reached anyone.
 */
export const defaultScale: Scale = {
  key: "national-2026",
  version: 1,
  improvementBelow: 90,
  bands: [
    { min: 90, label: "優良" },
    { min: 80, label: "良好" },
    { min: 70, label: "普通" },
    { min: 0, label: "待改進" },
  ],
  parts: [
    {
      key: "switchboard",
      label: "總機",
      items: [
        // 接聽速度 25
        { key: "switchboardRings", label: "接聽速度：響鈴4聲內或等候音樂10秒內接聽", maxPoints: 15 },
        {
          key: "switchboardTransferSpeed",
          label: "接聽速度：轉接迅速正確，未誤轉或斷線",
          maxPoints: 10,
          allowNA: true,
        },
        // 禮貌 20
        {
          key: "switchboardGreeting",
          label: "禮貌：接聽即問候並報機關名稱（如「您好，○○區公所」）",
          maxPoints: 7,
        },
        {
          key: "switchboardAsksNeed",
          label: "禮貌：主動詢問並確認來電者需求（如「請問您要洽詢什麼業務？」）",
          maxPoints: 4,
        },
        {
          key: "switchboardAnnouncesTransfer",
          label: "禮貌：轉接前告知分機（「我將幫您轉接○○課，分機○○○，請稍候」）",
          maxPoints: 6,
          allowNA: true,
        },
        { key: "switchboardTone", label: "禮貌：語氣親切、音量適中、態度有禮", maxPoints: 3 },
      ],
    },
    {
      key: "unit",
      label: "業務單位",
      items: [
        // 接聽速度 15
        {
          key: "unitAnswered",
          label: "接聽速度：有人接聽（無人接聽者整通測試以0分計）",
          maxPoints: 5,
          autoFail: true,
        },
        { key: "unitRings", label: "接聽速度：響鈴4聲內或等候音樂10秒內接聽", maxPoints: 10 },
        // 禮貌 25
        {
          key: "unitGreeting",
          label: "禮貌：接聽即問候並報單位名稱及姓名（如「您好，民政課，敝姓王」）",
          maxPoints: 6,
        },
        { key: "unitAsksNeed", label: "禮貌：主動詢問並複述確認來電者需求", maxPoints: 5 },
        {
          key: "unitAnnouncesTransfer",
          label: "禮貌：需轉接他人時告知分機及承辦人（「我將幫您轉接…請稍候」）",
          maxPoints: 4,
          allowNA: true,
        },
        {
          key: "unitDeputy",
          label: "禮貌：承辦人忙線或不在時，由代理人接手或記下留言並告知回電",
          maxPoints: 4,
          allowNA: true,
        },
        { key: "unitTone", label: "禮貌：語氣親切、有耐心，使用「請、謝謝、不客氣」等禮貌用語", maxPoints: 4 },
        { key: "unitClosing", label: "禮貌：結束時禮貌道別，並待來電者先掛斷", maxPoints: 2 },
        // 答覆內容 15
        { key: "unitAnswerCorrect", label: "答覆內容：答覆正確，符合現行規定", maxPoints: 8 },
        {
          key: "unitAnswerComplete",
          label: "答覆內容：答覆完整清楚（應備文件、辦理地點、時間、費用等），必要時提供網址或承辦資訊",
          maxPoints: 7,
        },
      ],
    },
  ],
};

/** Refuses (AppError 400) with a zh-TW message naming the first problem: admins edit scales, so say what is wrong. */
export function validateScale(scale: Scale): void {
  const refuse = (key: MessageKey, params: Record<string, string | number> = {}): never => {
    throw new AppError(400, t(key, params));
  };
  if (!scale.key.trim()) refuse("scale.error.emptyKey");
  if (!Number.isInteger(scale.version) || scale.version < 1) refuse("scale.error.version");
  if (!Number.isFinite(scale.improvementBelow) || scale.improvementBelow < 0 || scale.improvementBelow > 100)
    refuse("scale.error.threshold");
  validateBands(scale, refuse);
  if (scale.parts.length === 0) refuse("scale.error.noParts");

  const partKeys = new Set<string>();
  const itemKeys = new Set<string>();
  for (const part of scale.parts) {
    if (!part.key.trim()) refuse("scale.error.partKey");
    if (partKeys.has(part.key)) refuse("scale.error.duplicatePart", { part: part.key });
    partKeys.add(part.key);
    if (part.items.length === 0) refuse("scale.error.noItems", { part: part.label });
    for (const item of part.items) {
      if (!item.key.trim()) refuse("scale.error.itemKey", { part: part.label });
      // Marks are keyed by item alone, so a key must not repeat even across parts.
      if (itemKeys.has(item.key)) refuse("scale.error.duplicateItem", { item: item.key });
      itemKeys.add(item.key);
      if (!Number.isFinite(item.maxPoints) || item.maxPoints <= 0) refuse("scale.error.maxPoints", { item: item.label });
      // "na" on a fail item would let an evaluator skip the very check that decides the call.
      if (item.autoFail && item.allowNA) refuse("scale.error.failAndNA", { item: item.label });
    }
  }
}

function validateBands(scale: Scale, refuse: (key: MessageKey, params?: Record<string, string | number>) => never): void {
  const { bands } = scale;
  if (bands.length === 0) refuse("scale.error.noBands");
  bands.forEach((band, i) => {
    if (!band.label.trim()) refuse("scale.error.bandLabel", { n: i + 1 });
    if (!Number.isFinite(band.min)) refuse("scale.error.bandMin", { band: band.label });
    if (i > 0 && band.min >= bands[i - 1].min) refuse("scale.error.bandOrder", { band: band.label, previous: bands[i - 1].label });
  });
  const lowest = bands[bands.length - 1];
  if (lowest.min > 0) refuse("scale.error.lowestBand", { band: lowest.label });
}
