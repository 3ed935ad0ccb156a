import type { Placement } from '@/lib/view/model';
import { placeLabel } from '@/lib/ui/columns';
import { placementTone, TONE_TEXT } from '@/lib/ui/tone';

/** The EC2 / FARGATE / PENDING badge, coloured with the --ec2 / --fargate / --pending theme colours. */
export function PlaceBadge({ placement }: { placement: Placement | null }) {
  const tone = placementTone(placement);
  return (
    <span className={`inline-block rounded-sm border border-current px-1 text-[11px] leading-[15px] font-semibold tracking-wide ${TONE_TEXT[tone]}`}>
      {placeLabel(placement)}
    </span>
  );
}
