# %%
data = pd.read_csv("demand.csv", index_col="date", parse_dates=True)
cutoff = data.index.max() - pd.Timedelta(days=60)
train, test = data.loc[:cutoff], data.loc[cutoff + pd.Timedelta(days=1) :]
model = Ridge().fit(train.drop(columns="mwh"), train["mwh"])
print(mean_squared_error(test["mwh"], model.predict(test.drop(columns="mwh"))))
