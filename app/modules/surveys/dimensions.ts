/** The four dimensions the service-quality plans require (environment, courtesy, professionalism, measures), plus overall satisfaction. */
export const STANDARD_DIMENSIONS = ["environment", "courtesy", "professionalism", "measures", "overall"] as const;

export type StandardDimension = (typeof STANDARD_DIMENSIONS)[number];

export function isStandardDimension(d: string): d is StandardDimension {
  return (STANDARD_DIMENSIONS as readonly string[]).includes(d);
}
