import type { Block, SlackPayload } from '../../shared/report/slack/payload.js';

/** Every piece of text Slack renders as mrkdwn (the top-level text too), with code spans (shown verbatim) out. */
export function renderedMrkdwn(payload: SlackPayload): string[] {
  const texts: string[] = [payload.text];
  const visit = (block: Block) => {
    if (block.type === 'section') {
      if (block.text?.type === 'mrkdwn') texts.push(block.text.text);
      for (const field of block.fields ?? []) if (field.type === 'mrkdwn') texts.push(field.text);
    } else if (block.type === 'context') {
      for (const element of block.elements) if (element.type === 'mrkdwn') texts.push(element.text);
    }
  };
  payload.blocks.forEach(visit);
  return texts.map((text) => text.replace(/```[\s\S]*?```/g, '').replace(/`[^`]*`/g, ''));
}
