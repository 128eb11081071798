"""The code cells of the lecture note, in its order, as the note writes them (copied once
from the note, trailing spaces dropped). tests/test_lecture_code.py checks that each is on a
page as written, or that the page "강의 코드와 다른 곳" (book/differences.md) shows how it differs."""

LECTURE_CELLS = [
    ('imports', '''\
import torch
import numpy as np
import matplotlib.pyplot as plt
'''),
    ('datagen', '''\
torch.manual_seed(43052)
ones= torch.ones(100)
x,_ = torch.randn(100).sort()
X = torch.stack([ones,x]).T # torch.stack([ones,x],axis=1)
W = torch.tensor([2.5,4])
ϵ = torch.randn(100)*0.5
y = X@W + ϵ
plt.plot(x,y,'o')
plt.plot(x,2.5+4*x,'--')
'''),
    ('points', '''\
plt.plot(x,y,'o')
'''),
    ('trial', '''\
plt.plot(x,y,'o')
plt.plot(x,-5+10*x,'--')
'''),
    ('What_shape', '''\
What = torch.tensor([-5.0,10.0])
X.shape
'''),
    ('trial_matrix', '''\
plt.plot(x,y,'o')
plt.plot(x,X@What,'--')
'''),
    ('What_rg', '''\
What = torch.tensor([-5.0,10.0],requires_grad=True)
What
'''),
    ('yhat_plot', '''\
yhat = X@What
plt.plot(x,y,'o')
plt.plot(x,yhat.data,'--') # 그림을 그리기 위해서 yhat의 미분꼬리표를 제거
'''),
    ('loss', '''\
loss = torch.sum((y-yhat)**2)
loss
'''),
    ('loss2', '''\
loss
'''),
    ('backward', '''\
loss.backward()
'''),
    ('explain', '''\
loss=torch.sum((y-yhat)**2)= torch.sum((y-X@What)**2)
# 이었고
What=torch.tensor([-5.0,10.0],requires_grad=True)
# 이므로 결국 What으로 미분하라는 의미.
# 미분한 식이 나오는 것이 아니고,
# 그 식에 (-5.0, 10.0)을 대입한 계수값이 계산됨.
'''),
    ('grad', '''\
What,What.grad
'''),
    ('formula', '''\
- 2 * X.T @ y + 2 * X.T @ X @ What
'''),
    ('lossfn', '''\
_lossfn = lambda w0,w1: torch.sum((y-w0-w1*x)**2)
_lossfn(-5,10)
'''),
    ('numeric', '''\
h=0.001
(_lossfn(-5+h,10) - _lossfn(-5,10))/h,  (_lossfn(-5,10+h) - _lossfn(-5,10))/h
'''),
    ('print_update', '''\
alpha=0.001
print('수정전: ' + str(What.data)) # What 에서 미분꼬리표를 떼고 싶다면? What.data or What.detach()
print('수정하는폭: ' +str(-alpha * What.grad))
print('수정후: ' +str(What.data-alpha * What.grad))
print('*참값: (2.5,4)' )
'''),
    ('before_after', '''\
Wbefore = What.data
Wafter = What.data- alpha * What.grad
Wbefore, Wafter
'''),
    ('before_after_plot', '''\
plt.plot(x,y,'o')
plt.plot(x,X@Wbefore,'--')
plt.plot(x,X@Wafter,'--')
'''),
    ('loop30', '''\
What= torch.tensor([-5.0,10.0],requires_grad=True) #
alpha=0.001
for epoc in range(30): ## 30번 반복합니다!!
    yhat=X@What
    loss=torch.sum((y-yhat)**2)
    loss.backward()
    What.data = What.data-alpha * What.grad
    What.grad=None
'''),
    ('What_data', '''\
What.data ## true인 (2.5,4)와 상당히 비슷함
'''),
    ('final_plot', '''\
plt.plot(x,y,'o')
plt.plot(x,X@What.data,'--')
'''),
    ('record', '''\
loss_history = [] # 기록하고 싶은것 1
yhat_history = [] # 기록하고 싶은것 2
What_history = [] # 기록하고 싶은것 3
What= torch.tensor([-5.0,10.0],requires_grad=True)
alpha=0.001
for epoc in range(30):
    yhat=X@What ; yhat_history.append(yhat.data.tolist())
    loss=torch.sum((y-yhat)**2); loss_history.append(loss.item())
    loss.backward()
    What.data = What.data-alpha * What.grad; What_history.append(What.data.tolist())
    What.grad=None
'''),
    ('ep3', '''\
plt.plot(x,y,'o')
plt.plot(x,yhat_history[2],'--')
'''),
    ('ep10', '''\
plt.plot(x,y,'o')
plt.plot(x,yhat_history[9],'--')
'''),
    ('ep15', '''\
plt.plot(x,y,'o')
plt.plot(x,yhat_history[14],'--')
'''),
    ('What_history', '''\
What_history
'''),
    ('loss_plot', '''\
plt.plot(loss_history)
'''),
    ('anim_setup', '''\
from matplotlib import animation
plt.rcParams['figure.figsize'] = (7.5,2.5)
plt.rcParams["animation.html"] = "jshtml"
'''),
    ('fig', '''\
fig = plt.figure()
ax1 = fig.add_subplot(1, 2, 1)
ax2 = fig.add_subplot(1, 2, 2, projection='3d')
'''),
    ('ax1', '''\
ax1.plot(x,y,'o')
line, = ax1.plot(x,yhat_history[0]) # 나중에 애니메이션 할때 필요해요..
fig
'''),
    ('surface', '''\
_w0 = np.arange(-6, 11, 0.5) ## 파란색곡면을 그리는 코드 (시작)
_w1 = np.arange(-6, 11, 0.5)
w1,w0 = np.meshgrid(_w1,_w0)
lss=w0*0
for i in range(len(_w0)):
    for j in range(len(_w1)):
        lss[i,j]=torch.sum((y-_w0[i]-_w1[j]*x)**2)
ax2.plot_surface(w0, w1, lss, rstride=1, cstride=1, color='b',alpha=0.35) ## 파란색곡면을 그리는 코드(끝)
ax2.azim = 40  ## 3d plot의 view 조절
ax2.dist = 8   ## 3d plot의 view 조절
ax2.elev = 5   ## 3d plot의 view 조절
fig
'''),
    ('star', '''\
ax2.scatter(2.5,4,torch.sum((y-2.5-4*x)**2),s=200,color='red',marker='*') ## 최소점을 표시하는 코드 (붉은색 별)
'''),
    ('fig_a', '''\
fig
'''),
    ('What_history0', '''\
What_history[0]
'''),
    ('grey', '''\
ax2.scatter(What_history[0][0],What_history[0][1],loss_history[0],color='grey') ## 업데이트되는 What을 표시하는 점 (파란색 동그라미)
'''),
    ('fig_b', '''\
fig
'''),
    ('animate', '''\
def animate(epoc):
    line.set_ydata(yhat_history[epoc])
    ax2.scatter(What_history[epoc][0],What_history[epoc][1],loss_history[epoc],color='grey')
    return line

ani = animation.FuncAnimation(fig, animate, frames=30)
plt.close()
ani
'''),
    ('show_lrpr_def', '''\
def show_lrpr(data,history):
    x,y = data
    loss_history,yhat_history,What_history = history

    fig = plt.figure()
    ax1 = fig.add_subplot(1, 2, 1)
    ax2 = fig.add_subplot(1, 2, 2, projection='3d')

    ## ax1: 왼쪽그림
    ax1.plot(x,y,'o')
    line, = ax1.plot(x,yhat_history[0])
    ## ax2: 오른쪽그림
    _w0 = np.arange(-6, 11, 0.5) ## 파란색곡면을 그리는 코드 (시작)
    _w1 = np.arange(-6, 11, 0.5)
    w1,w0 = np.meshgrid(_w1,_w0)
    lss=w0*0
    for i in range(len(_w0)):
        for j in range(len(_w1)):
            lss[i,j]=torch.sum((y-_w0[i]-_w1[j]*x)**2)
    ax2.plot_surface(w0, w1, lss, rstride=1, cstride=1, color='b',alpha=0.35) ## 파란색곡면을 그리는 코드(끝)
    ax2.scatter(2.5,4,torch.sum((y-2.5-4*x)**2),s=200,color='red',marker='*') ## 최소점을 표시하는 코드 (붉은색 별)
    ax2.scatter(What_history[0][0],What_history[0][1],loss_history[0],color='b') ## 업데이트되는 What을 표시하는 점 (파란색 동그라미)
    ax2.azim = 40  ## 3d plot의 view 조절
    ax2.dist = 8   ## 3d plot의 view 조절
    ax2.elev = 5   ## 3d plot의 view 조절

    def animate(epoc):
        line.set_ydata(yhat_history[epoc])
        ax2.scatter(np.array(What_history)[epoc,0],np.array(What_history)[epoc,1],loss_history[epoc],color='grey')
        return line

    ani = animation.FuncAnimation(fig, animate, frames=30)
    plt.close()
    return ani
'''),
    ('show_lrpr_call', '''\
show_lrpr([x,y],[loss_history,yhat_history,What_history])
'''),
    ('rec_0.0001', '''\
loss_history = [] # 기록하고 싶은것 1
yhat_history = [] # 기록하고 싶은것 2
What_history = [] # 기록하고 싶은것 3
What= torch.tensor([-5.0,10.0],requires_grad=True)
alpha=0.0001
for epoc in range(30):
    yhat=X@What ; yhat_history.append(yhat.data.tolist())
    loss=torch.sum((y-yhat)**2); loss_history.append(loss.item())
    loss.backward()
    What.data = What.data-alpha * What.grad; What_history.append(What.data.tolist())
    What.grad=None
show_lrpr([x,y],[loss_history,yhat_history,What_history])
'''),
    ('rec_0.0083', '''\
loss_history = [] # 기록하고 싶은것 1
yhat_history = [] # 기록하고 싶은것 2
What_history = [] # 기록하고 싶은것 3
What= torch.tensor([-5.0,10.0],requires_grad=True)
alpha=0.0083
for epoc in range(30):
    yhat=X@What ; yhat_history.append(yhat.data.tolist())
    loss=torch.sum((y-yhat)**2); loss_history.append(loss.item())
    loss.backward()
    What.data = What.data-alpha * What.grad; What_history.append(What.data.tolist())
    What.grad=None
show_lrpr([x,y],[loss_history,yhat_history,What_history])
'''),
    ('rec_0.0085', '''\
loss_history = [] # 기록하고 싶은것 1
yhat_history = [] # 기록하고 싶은것 2
What_history = [] # 기록하고 싶은것 3
What= torch.tensor([-5.0,10.0],requires_grad=True)
alpha=0.0085
for epoc in range(30):
    yhat=X@What ; yhat_history.append(yhat.data.tolist())
    loss=torch.sum((y-yhat)**2); loss_history.append(loss.item())
    loss.backward()
    What.data = What.data-alpha * What.grad.data; What_history.append(What.data.tolist())
    What.grad=None
show_lrpr([x,y],[loss_history,yhat_history,What_history])
'''),
    ('rec_0.01', '''\
loss_history = [] # 기록하고 싶은것 1
yhat_history = [] # 기록하고 싶은것 2
What_history = [] # 기록하고 싶은것 3
What= torch.tensor([-5.0,10.0],requires_grad=True)
alpha=0.01
for epoc in range(30):
    yhat=X@What ; yhat_history.append(yhat.data.tolist())
    loss=torch.sum((y-yhat)**2); loss_history.append(loss.item())
    loss.backward()
    What.data = What.data-alpha * What.grad; What_history.append(What.data.tolist())
    What.grad=None
show_lrpr([x,y],[loss_history,yhat_history,What_history])
'''),
]
